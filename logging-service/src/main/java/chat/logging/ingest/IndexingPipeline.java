package chat.logging.ingest;

import chat.logging.LoggingProperties;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import reactor.util.retry.RetryBackoffSpec;

/**
 * The indexing pipeline, read top to bottom: make sure the index template exists (never write
 * before it does, or Elasticsearch would guess a mapping), then consume the activity topic in
 * batches (by count and by time), index each batch, and acknowledge its records in offset order
 * once it is settled. Up to {@code concurrency} batches are written at once; nothing more is
 * fetched from Kafka while they are in flight, so a stalled Elasticsearch pauses consumption.
 *
 * <p>A watchdog replaces the consumer when it has records to deliver but has delivered nothing for
 * {@code stallTimeout} while no batch is in flight: reactor-kafka's receiver is known to stop
 * emitting, rarely, after backpressure (its issue #386). Records not acknowledged are delivered
 * again to the new consumer and overwrite themselves.
 */
final class IndexingPipeline implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(IndexingPipeline.class);

  private final Mono<Void> indexReady;
  private final ActivitySource source;
  private final BatchIndexer indexer;
  private final IndexingMetrics metrics;
  private final LoggingProperties.Indexing settings;
  private final Duration stallTimeout;
  private final AtomicInteger batchesInFlight = new AtomicInteger();
  private final AtomicLong lastProgress = new AtomicLong(System.nanoTime());
  private volatile Disposable running;

  /**
   * @param indexReady completes once documents may be written (the index template is installed);
   *     subscribed again whenever the pipeline starts over
   * @param stallTimeout how long a consumer with records behind may deliver nothing while no batch
   *     is in flight before it is replaced
   */
  IndexingPipeline(
      Mono<Void> indexReady,
      ActivitySource source,
      BatchIndexer indexer,
      IndexingMetrics metrics,
      LoggingProperties.Indexing settings,
      Duration stallTimeout) {
    this.indexReady = indexReady;
    this.source = source;
    this.indexer = indexer;
    this.metrics = metrics;
    this.settings = settings;
    this.stallTimeout = stallTimeout;
  }

  Flux<List<SourceRecord>> pipeline() {
    return indexReady
        .retryWhen(forever("Could not install the index template"))
        .thenMany(Flux.defer(this::watchedIndexing))
        // Only a failing or stalled consumer gets here (the indexer never fails): start over with
        // a new one; records not acknowledged are delivered again and overwrite themselves.
        .retryWhen(
            forever("Activity consumer failed")
                .doBeforeRetry(signal -> metrics.consumerRestarted()));
  }

  private Flux<List<SourceRecord>> indexing() {
    batchesInFlight.set(0);
    progress();
    return source
        .receive()
        .doOnNext(record -> progress())
        .bufferTimeout(settings.batchSize(), settings.batchTimeout(), true)
        .doOnNext(batch -> batchesInFlight.incrementAndGet())
        .flatMapSequential(indexer::index, settings.concurrency(), 1)
        .doOnNext(
            batch -> {
              batch.forEach(SourceRecord::acknowledge);
              batchesInFlight.decrementAndGet();
              progress();
            });
  }

  /**
   * {@link #indexing()}, failed when the consumer is stuck, which makes the pipeline start over.
   */
  private Flux<List<SourceRecord>> watchedIndexing() {
    Duration every = stallTimeout.dividedBy(6);
    if (every.compareTo(Duration.ofMillis(50)) < 0) {
      every = Duration.ofMillis(50);
    }
    AtomicBoolean stuck = new AtomicBoolean();
    Flux<Long> stall =
        Flux.interval(every)
            .onBackpressureDrop()
            .filter(tick -> stalled())
            .take(1)
            .doOnNext(tick -> stuck.set(true));
    return indexing()
        .takeUntilOther(stall)
        .concatWith(
            Mono.defer(
                () ->
                    stuck.get()
                        ? Mono.error(
                            new IllegalStateException(
                                "the consumer delivered nothing for "
                                    + stallTimeout.toSeconds()
                                    + " s with records behind"))
                        : Mono.empty()));
  }

  private boolean stalled() {
    return source.lag() > 0
        && batchesInFlight.get() == 0
        && System.nanoTime() - lastProgress.get() > stallTimeout.toNanos();
  }

  private void progress() {
    lastProgress.set(System.nanoTime());
  }

  private static RetryBackoffSpec forever(String what) {
    return Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1))
        .maxBackoff(Duration.ofSeconds(30))
        // Back to a short backoff once the pipeline made progress again.
        .transientErrors(true)
        .doBeforeRetry(
            signal -> {
              if (signal.totalRetriesInARow() == 0) {
                log.warn("{}; retrying: {}", what, signal.failure().toString());
              }
            });
  }

  @Override
  public void start() {
    running = pipeline().subscribe(batch -> {}, e -> log.error("Indexing pipeline stopped", e));
    log.info("Indexing pipeline started");
  }

  @Override
  public void stop() {
    Disposable current = running;
    if (current != null) {
      current.dispose();
      running = null;
      log.info("Indexing pipeline stopped");
    }
  }

  @Override
  public boolean isRunning() {
    return running != null;
  }
}
