package chat.logging.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.ToDoubleFunction;

/** The meters of the indexing pipeline; listed in the module README. */
final class IndexingMetrics {

  private final MeterRegistry registry;
  private final Clock clock;
  private final Counter indexed;
  private final Timer bulkSuccess;
  private final Timer bulkFailure;
  private final Timer indexLag;
  private final Counter requestRetries;
  private final Counter itemRetries;
  private final Counter consumerRestarts;

  IndexingMetrics(MeterRegistry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
    this.indexed =
        Counter.builder("chat.logging.events.indexed")
            .description("Activity events written to Elasticsearch (a replayed event counts again)")
            .register(registry);
    this.bulkSuccess = bulkTimer("success");
    this.bulkFailure = bulkTimer("failure");
    this.indexLag =
        Timer.builder("chat.logging.index.lag")
            .description("From the event's timestamp to its bulk request being acknowledged")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(10))
            .maximumExpectedValue(Duration.ofMinutes(10))
            .register(registry);
    this.requestRetries = retries("request");
    this.itemRetries = retries("item");
    this.consumerRestarts =
        Counter.builder("chat.logging.consumer.restarts")
            .description("Kafka consumers replaced after failing or stalling")
            .register(registry);
  }

  private Timer bulkTimer(String outcome) {
    return Timer.builder("chat.logging.bulk.latency")
        .description("Duration of one Elasticsearch bulk request")
        .tag("outcome", outcome)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(30))
        .register(registry);
  }

  private Counter retries(String scope) {
    return Counter.builder("chat.logging.bulk.retries")
        .description("Bulk requests (scope=request) or documents (scope=item) retried")
        .tag("scope", scope)
        .register(registry);
  }

  <T> void consumerLag(T source, ToDoubleFunction<T> lag) {
    Gauge.builder("chat.logging.consumer.lag", source, lag)
        .description("Records of the activity topic on this replica's partitions not indexed yet")
        .baseUnit("records")
        .register(registry);
  }

  long startBulk() {
    return System.nanoTime();
  }

  void bulkSucceeded(long startNanos) {
    bulkSuccess.record(Duration.ofNanos(System.nanoTime() - startNanos));
  }

  void bulkFailed(long startNanos) {
    bulkFailure.record(Duration.ofNanos(System.nanoTime() - startNanos));
  }

  void indexed(Instant eventTimestamp) {
    indexed.increment();
    Duration lag = Duration.between(eventTimestamp, clock.instant());
    indexLag.record(lag.isNegative() ? Duration.ZERO : lag);
  }

  void requestRetried() {
    requestRetries.increment();
  }

  void itemsRetried(int count) {
    itemRetries.increment(count);
  }

  void consumerRestarted() {
    consumerRestarts.increment();
  }

  void deadLettered(String reason) {
    Counter.builder("chat.logging.dead.letters")
        .description("Records sent to the dead-letter topic, by reason")
        .tag("reason", reason)
        .register(registry)
        .increment();
  }
}
