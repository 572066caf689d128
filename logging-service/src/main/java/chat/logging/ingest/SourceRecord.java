package chat.logging.ingest;

/**
 * One record of the activity topic, as the pipeline sees it, whatever Kafka client delivered it.
 *
 * @param topic where it was read
 * @param partition its partition
 * @param offset its offset in that partition
 * @param key the record key (the user id), may be null
 * @param value the record value, expected to be an {@code ActivityEvent} in JSON
 * @param acknowledgement marks the record as done, so its offset may be committed; called only
 *     after the record is in Elasticsearch or in the dead-letter topic, in offset order
 */
record SourceRecord(
    String topic, int partition, long offset, byte[] key, byte[] value, Runnable acknowledgement) {

  void acknowledge() {
    acknowledgement.run();
  }

  @Override
  public String toString() {
    return topic + "-" + partition + "@" + offset;
  }
}
