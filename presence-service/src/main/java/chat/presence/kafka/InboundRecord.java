package chat.presence.kafka;

/**
 * One consumed record.
 *
 * @param partition the partition it came from: records of one partition must be processed, and
 *     acknowledged, in order; different partitions are independent
 * @param key the record key (the user id on the topics this service reads), may be null
 * @param value the raw value, may be null
 * @param acknowledge marks the record processed; its offset is committed with the next commit
 */
public record InboundRecord(int partition, String key, byte[] value, Runnable acknowledge) {}
