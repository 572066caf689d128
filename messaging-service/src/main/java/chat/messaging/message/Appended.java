package chat.messaging.message;

/**
 * The outcome of {@link MessageLog#append}.
 *
 * @param message the stored message
 * @param created false when an earlier send with the same {@code clientMsgId} had already stored it
 */
public record Appended(Message message, boolean created) {}
