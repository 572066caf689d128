package chat.logging.ingest;

import chat.logging.LoggingProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.kafka.receiver.KafkaReceiver;
import reactor.kafka.receiver.ReceiverOffset;
import reactor.kafka.receiver.ReceiverOptions;
import reactor.kafka.receiver.ReceiverRecord;

/**
 * {@link ActivitySource} on reactor-kafka's {@link KafkaReceiver#receive()}: manual
 * acknowledgement, acknowledged offsets committed every {@code commitInterval} (and on revocation
 * and close), no transactions. A new consumer group member starts from the earliest offset, so
 * events produced before the first start are indexed too.
 */
final class KafkaActivitySource implements ActivitySource {

  private static final Duration END_OFFSETS_TIMEOUT = Duration.ofSeconds(2);

  private final ReceiverOptions<byte[], byte[]> options;
  private final Duration lagRefreshInterval;

  /** Next offset to index per assigned partition: the start position, then last acked + 1. */
  private final Map<TopicPartition, Long> nextOffsets = new ConcurrentHashMap<>();

  private final AtomicLong lag = new AtomicLong();

  KafkaActivitySource(LoggingProperties.Kafka kafka) {
    Map<String, Object> properties =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG,
            kafka.groupId(),
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            ByteArrayDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            ByteArrayDeserializer.class,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false,
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
            kafka.maxPollRecords());
    this.options =
        ReceiverOptions.<byte[], byte[]>create(properties)
            .subscription(List.of(kafka.topic()))
            .commitInterval(kafka.commitInterval())
            .commitBatchSize(0)
            .addAssignListener(
                partitions ->
                    partitions.forEach(p -> nextOffsets.put(p.topicPartition(), p.position())))
            .addRevokeListener(
                partitions -> partitions.forEach(p -> nextOffsets.remove(p.topicPartition())));
    this.lagRefreshInterval = kafka.lagRefreshInterval();
  }

  @Override
  public Flux<SourceRecord> receive() {
    return Flux.defer(
        () -> {
          KafkaReceiver<byte[], byte[]> receiver = KafkaReceiver.create(options);
          Disposable lagRefresher =
              Flux.interval(lagRefreshInterval)
                  .onBackpressureDrop()
                  .concatMap(tick -> refreshLag(receiver))
                  .subscribe();
          return receiver
              .receive()
              .map(this::toSourceRecord)
              .doFinally(
                  signal -> {
                    lagRefresher.dispose();
                    nextOffsets.clear();
                    lag.set(0);
                  });
        });
  }

  @Override
  public long lag() {
    return lag.get();
  }

  private SourceRecord toSourceRecord(ReceiverRecord<byte[], byte[]> record) {
    ReceiverOffset offset = record.receiverOffset();
    TopicPartition partition = offset.topicPartition();
    long next = offset.offset() + 1;
    return new SourceRecord(
        record.topic(),
        record.partition(),
        record.offset(),
        record.key(),
        record.value(),
        () -> {
          offset.acknowledge();
          nextOffsets.computeIfPresent(partition, (p, current) -> Math.max(current, next));
        });
  }

  /** Asks the broker for the log end offsets of the assigned partitions, on the consumer thread. */
  private Mono<Long> refreshLag(KafkaReceiver<byte[], byte[]> receiver) {
    return receiver
        .doOnConsumer(
            consumer -> {
              Set<TopicPartition> assigned = Set.copyOf(nextOffsets.keySet());
              if (assigned.isEmpty()) {
                return 0L;
              }
              long total = 0;
              for (var end : consumer.endOffsets(assigned, END_OFFSETS_TIMEOUT).entrySet()) {
                Long next = nextOffsets.get(end.getKey());
                if (next != null && end.getValue() != null) {
                  total += Math.max(0, end.getValue() - next);
                }
              }
              return total;
            })
        .doOnNext(lag::set)
        // Not subscribed yet, or the broker is slow: keep the last value.
        .onErrorResume(e -> Mono.empty());
  }
}
