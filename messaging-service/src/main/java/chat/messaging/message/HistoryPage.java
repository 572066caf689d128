package chat.messaging.message;

import java.util.List;

/**
 * One page of history, the {@code loadHistory} ack and the HTTP history body.
 *
 * @param messages oldest first
 * @param hasMore whether older messages exist before the first one of this page
 */
public record HistoryPage(List<Message> messages, boolean hasMore) {}
