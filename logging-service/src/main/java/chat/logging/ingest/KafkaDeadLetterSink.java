package chat.logging.ingest;

import chat.logging.LoggingProperties;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.kafka.sender.KafkaSender;
import reactor.kafka.sender.SenderOptions;
import reactor.kafka.sender.SenderRecord;

/** {@link DeadLetterSink} on reactor-kafka's {@link KafkaSender}: idempotent, {@code acks=all}. */
final class KafkaDeadLetterSink implements DeadLetterSink, AutoCloseable {

  private final KafkaSender<byte[], byte[]> sender;
  private final String topic;

  KafkaDeadLetterSink(LoggingProperties.Kafka kafka) {
    Map<String, Object> properties =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            ByteArraySerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            ByteArraySerializer.class,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            ProducerConfig.MAX_BLOCK_MS_CONFIG,
            10_000,
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
            10_000,
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
            30_000);
    this.sender = KafkaSender.create(SenderOptions.create(properties));
    this.topic = kafka.deadLetterTopic();
  }

  @Override
  public Mono<Void> send(List<DeadLetter> letters) {
    return sender
        .send(Flux.fromIterable(letters).map(letter -> SenderRecord.create(record(letter), null)))
        .doOnNext(
            result -> {
              if (result.exception() != null) {
                throw Exceptions.propagate(result.exception());
              }
            })
        .then();
  }

  private ProducerRecord<byte[], byte[]> record(DeadLetter letter) {
    SourceRecord original = letter.record();
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(topic, original.key(), original.value());
    record.headers().add(header(REASON, letter.reason()));
    record.headers().add(header(DETAIL, letter.detail()));
    record.headers().add(header(ORIGINAL_TOPIC, original.topic()));
    record.headers().add(header(ORIGINAL_PARTITION, String.valueOf(original.partition())));
    record.headers().add(header(ORIGINAL_OFFSET, String.valueOf(original.offset())));
    return record;
  }

  private static RecordHeader header(String name, String value) {
    return new RecordHeader(name, String.valueOf(value).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    sender.close();
  }
}
