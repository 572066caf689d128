package chat.presence.kafka;

/**
 * One consumed record.
 *
 * @param key the record key (the user id on the topics this service reads), may be null
 * @param value the raw value, may be null
 * @param acknowledge marks the record processed; its offset is committed with the next commit
 */
public record InboundRecord(String key, byte[] value, Runnable acknowledge) {}
