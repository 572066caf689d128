package chat.presence.kafka;

import reactor.core.publisher.Flux;

/** The producing side of Kafka, the only place that knows about the client library. */
public interface KafkaOutbound {

  /**
   * Sends every record of {@code records} as it comes and emits, in order, whether each was
   * acknowledged by the broker. A failed record is reported as {@code false}, never as an error.
   */
  Flux<Boolean> send(Flux<OutboundRecord> records);
}
