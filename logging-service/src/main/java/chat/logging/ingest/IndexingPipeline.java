package chat.logging.ingest;

import chat.logging.LoggingProperties;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The indexing pipeline, read top to bottom: make sure the index template exists (never write
 * before it does, or Elasticsearch would guess a mapping), then consume the activity topic in
 * batches (by count and by time), index each batch, and acknowledge its records in offset order
 * once it is settled. Up to {@code concurrency} batches are written at once; nothing more is
 * fetched from Kafka while they are in flight, so a stalled Elasticsearch pauses consumption.
 */
final class IndexingPipeline implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(IndexingPipeline.class);

  private final Mono<Void> indexReady;
  private final ActivitySource source;
  private final BatchIndexer indexer;
  private final LoggingProperties.Indexing settings;
  private volatile Disposable running;

  /**
   * @param indexReady completes once documents may be written (the index template is installed);
   *     subscribed again whenever the pipeline starts over
   */
  IndexingPipeline(
      Mono<Void> indexReady,
      ActivitySource source,
      BatchIndexer indexer,
      LoggingProperties.Indexing settings) {
    this.indexReady = indexReady;
    this.source = source;
    this.indexer = indexer;
    this.settings = settings;
  }

  Flux<List<SourceRecord>> pipeline() {
    return indexReady
        .retryWhen(forever("Could not install the index template"))
        .thenMany(
            Flux.defer(source::receive)
                .bufferTimeout(settings.batchSize(), settings.batchTimeout(), true)
                .flatMapSequential(indexer::index, settings.concurrency(), 1)
                .doOnNext(batch -> batch.forEach(SourceRecord::acknowledge)))
        // Only a failing consumer gets here (the indexer never fails): start over with a new one;
        // records not acknowledged are delivered again and overwrite themselves.
        .retryWhen(forever("Activity consumer failed"));
  }

  private static Retry forever(String what) {
    return Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1))
        .maxBackoff(Duration.ofSeconds(30))
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
