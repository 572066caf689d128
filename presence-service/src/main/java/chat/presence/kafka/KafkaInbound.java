package chat.presence.kafka;

import reactor.core.publisher.Flux;

/** The consuming side of Kafka, the only place that knows about the client library. */
public interface KafkaInbound {

  /**
   * Records of {@code topic} for consumer group {@code groupId}, in offset order within each
   * partition. Offsets are committed (periodically, and when partitions are revoked) only up to
   * records that were acknowledged, so records must be acknowledged in order once processed.
   * Resubscribing starts a new consumer.
   */
  Flux<InboundRecord> receive(String topic, String groupId);
}
