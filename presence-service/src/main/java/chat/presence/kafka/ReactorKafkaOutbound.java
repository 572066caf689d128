package chat.presence.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import reactor.core.publisher.Flux;
import reactor.kafka.sender.KafkaSender;
import reactor.kafka.sender.SenderOptions;
import reactor.kafka.sender.SenderRecord;

/** {@link KafkaOutbound} on reactor-kafka, without transactions. */
final class ReactorKafkaOutbound implements KafkaOutbound, AutoCloseable {

  private final KafkaSender<String, byte[]> sender;

  ReactorKafkaOutbound(String broker, String instanceId) {
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker,
            ProducerConfig.CLIENT_ID_CONFIG,
            "presence-" + instanceId,
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            ByteArraySerializer.class,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.LINGER_MS_CONFIG,
            5,
            ProducerConfig.MAX_BLOCK_MS_CONFIG,
            10_000,
            // Must cover linger + request timeout, or the producer refuses to start.
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
            15_000,
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
            30_000);
    this.sender =
        KafkaSender.create(
            SenderOptions.<String, byte[]>create(config).stopOnError(false).maxInFlight(1024));
  }

  @Override
  public Flux<Boolean> send(Flux<OutboundRecord> records) {
    return sender
        .send(records.map(ReactorKafkaOutbound::toSenderRecord))
        .map(result -> result.exception() == null);
  }

  private static SenderRecord<String, byte[], Void> toSenderRecord(OutboundRecord record) {
    ProducerRecord<String, byte[]> producerRecord =
        new ProducerRecord<>(record.topic(), record.key(), record.value());
    record
        .headers()
        .forEach(
            (name, value) ->
                producerRecord.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
    return SenderRecord.create(producerRecord, null);
  }

  @Override
  public void close() {
    sender.close();
  }
}
