package chat.logging.ingest;

import chat.logging.LoggingProperties;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
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
final class KafkaActivitySource implements ActivitySource, AutoCloseable {

  private static final Duration END_OFFSETS_TIMEOUT = Duration.ofSeconds(2);

  private final ReceiverOptions<byte[], byte[]> options;
  private final Duration lagRefreshInterval;

  /** Next offset to index per assigned partition: the start position, then last acked + 1. */
  private final Map<TopicPartition, Long> nextOffsets = new ConcurrentHashMap<>();

  private final AtomicLong lag = new AtomicLong();
  private final Map<String, Object> adminProperties;
  private volatile Admin admin;

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
            kafka.maxPollRecords(),
            // Fetch in batches (up to 250 ms late) rather than a request per few records: the
            // log is not latency-critical, the broker's and this consumer's CPU is.
            ConsumerConfig.FETCH_MIN_BYTES_CONFIG,
            32 * 1024,
            ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
            250);
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
    this.adminProperties =
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
            (int) END_OFFSETS_TIMEOUT.toMillis());
  }

  @Override
  public Flux<SourceRecord> receive() {
    return Flux.defer(
        () -> {
          KafkaReceiver<byte[], byte[]> receiver = KafkaReceiver.create(options);
          Disposable lagRefresher =
              Flux.interval(lagRefreshInterval)
                  .onBackpressureDrop()
                  .concatMap(tick -> refreshLag())
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

  /**
   * Asks the broker for the log end offsets of the assigned partitions, with an admin client of its
   * own: the consumer's thread is never blocked, and a stuck consumer still gets a true lag.
   */
  private Mono<Long> refreshLag() {
    Map<TopicPartition, OffsetSpec> assigned = new HashMap<>();
    nextOffsets.keySet().forEach(partition -> assigned.put(partition, OffsetSpec.latest()));
    if (assigned.isEmpty()) {
      return Mono.fromRunnable(() -> lag.set(0));
    }
    ListOffsetsOptions options = new ListOffsetsOptions();
    options.timeoutMs((int) END_OFFSETS_TIMEOUT.toMillis());
    return Mono.fromFuture(
            () ->
                admin()
                    .listOffsets(assigned, options)
                    .all()
                    .toCompletionStage()
                    .toCompletableFuture())
        .map(
            ends -> {
              long total = 0;
              for (var end : ends.entrySet()) {
                Long next = nextOffsets.get(end.getKey());
                if (next != null) {
                  total += Math.max(0, end.getValue().offset() - next);
                }
              }
              return total;
            })
        .doOnNext(lag::set)
        // The broker is slow or away: keep the last value.
        .onErrorResume(e -> Mono.empty());
  }

  private Admin admin() {
    Admin current = admin;
    if (current == null) {
      synchronized (this) {
        if (admin == null) {
          admin = Admin.create(adminProperties);
        }
        current = admin;
      }
    }
    return current;
  }

  @Override
  public synchronized void close() {
    if (admin != null) {
      admin.close(Duration.ofSeconds(5));
      admin = null;
    }
  }
}
