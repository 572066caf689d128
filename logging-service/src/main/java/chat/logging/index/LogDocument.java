package chat.logging.index;

import java.time.Instant;

/**
 * One activity event, ready for a bulk request.
 *
 * @param index the monthly index it belongs to
 * @param id the document id, the event's {@code eventId}
 * @param source the JSON document
 * @param timestamp when the event happened
 */
public record LogDocument(String index, String id, byte[] source, Instant timestamp) {}
