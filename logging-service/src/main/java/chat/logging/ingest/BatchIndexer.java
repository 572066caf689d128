package chat.logging.ingest;

import chat.logging.LoggingProperties;
import chat.logging.index.InvalidEventException;
import chat.logging.index.LogDocument;
import chat.logging.index.LogDocuments;
import chat.logging.ingest.BulkWriter.BulkRejectedException;
import chat.logging.ingest.BulkWriter.ItemResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Writes one batch of records to Elasticsearch and settles every record of it: written, or sent to
 * the dead-letter topic. Transient failures (Elasticsearch down, overloaded, timing out) are
 * retried with exponential backoff for as long as it takes, so the batch is never given up; only
 * records that can never be indexed (unparseable, invalid, refused by the mapping) are
 * dead-lettered, so they never block their partition.
 *
 * <p>A bulk request refused as a whole for its content (400/413) is split in halves until the
 * culprit is alone, so one poison document cannot take its neighbours to the dead-letter topic.
 */
final class BatchIndexer {

  private static final Logger log = LoggerFactory.getLogger(BatchIndexer.class);

  private final LogDocuments documents;
  private final BulkWriter writer;
  private final DeadLetterSink deadLetters;
  private final IndexingMetrics metrics;
  private final LoggingProperties.Indexing settings;
  private final AtomicBoolean failing = new AtomicBoolean();

  BatchIndexer(
      LogDocuments documents,
      BulkWriter writer,
      DeadLetterSink deadLetters,
      IndexingMetrics metrics,
      LoggingProperties.Indexing settings) {
    this.documents = documents;
    this.writer = writer;
    this.deadLetters = deadLetters;
    this.metrics = metrics;
    this.settings = settings;
  }

  /**
   * Indexes {@code batch}; emits it once every record is settled, so the caller may acknowledge
   * them. Never fails: it retries until it succeeds or its subscriber cancels.
   */
  Mono<List<SourceRecord>> index(List<SourceRecord> batch) {
    List<Pending> pending = new ArrayList<>(batch.size());
    List<DeadLetter> unusable = new ArrayList<>();
    for (SourceRecord record : batch) {
      try {
        pending.add(new Pending(record, documents.from(record.value())));
      } catch (InvalidEventException e) {
        unusable.add(new DeadLetter(record, e.reason(), e.getMessage()));
      }
    }
    return writeUntilSettled(pending, new Backoff(settings.minBackoff(), settings.maxBackoff()))
        .flatMap(refused -> sendDeadLetters(concat(unusable, refused)))
        .thenReturn(batch);
  }

  /** Writes until every document is written or refused; emits the refused ones. */
  private Mono<List<DeadLetter>> writeUntilSettled(List<Pending> pending, Backoff backoff) {
    if (pending.isEmpty()) {
      return Mono.just(List.of());
    }
    return Flux.fromIterable(chunks(pending))
        .concatMap(this::writeChunk)
        .reduce(Settled::plus)
        .flatMap(
            settled -> {
              if (settled.retry().isEmpty()) {
                return Mono.just(settled.refused());
              }
              metrics.itemsRetried(settled.retry().size());
              return Mono.delay(backoff.next())
                  .then(writeUntilSettled(settled.retry(), backoff))
                  .map(more -> concat(settled.refused(), more));
            });
  }

  private Mono<Settled> writeChunk(List<Pending> chunk) {
    return Mono.defer(() -> timedWrite(chunk))
        .retryWhen(transientFailures())
        .map(results -> settle(chunk, results))
        .onErrorResume(BulkRejectedException.class, e -> bisect(chunk, e));
  }

  private Mono<List<ItemResult>> timedWrite(List<Pending> chunk) {
    long start = metrics.startBulk();
    return writer
        .write(chunk.stream().map(Pending::document).toList())
        .timeout(settings.requestTimeout())
        .doOnNext(
            results -> {
              metrics.bulkSucceeded(start);
              if (failing.compareAndSet(true, false)) {
                log.info("Elasticsearch accepts bulk requests again; indexing resumed");
              }
            })
        .doOnError(e -> metrics.bulkFailed(start));
  }

  private Retry transientFailures() {
    return Retry.backoff(Long.MAX_VALUE, settings.minBackoff())
        .maxBackoff(settings.maxBackoff())
        .jitter(0.5)
        .filter(e -> !(e instanceof BulkRejectedException))
        .doBeforeRetry(
            signal -> {
              metrics.requestRetried();
              if (failing.compareAndSet(false, true)) {
                log.warn(
                    "Elasticsearch bulk request failed ({}); retrying with backoff, consumption"
                        + " paused until it succeeds",
                    describe(signal.failure()));
              }
            });
  }

  private Settled settle(List<Pending> chunk, List<ItemResult> results) {
    List<Pending> retry = new ArrayList<>();
    List<DeadLetter> refused = new ArrayList<>();
    for (int i = 0; i < chunk.size(); i++) {
      Pending item = chunk.get(i);
      ItemResult result = results.get(i);
      if (result.written()) {
        metrics.indexed(item.document().timestamp());
      } else if (result.refused()) {
        refused.add(new DeadLetter(item.record(), "rejected", result.error()));
      } else {
        retry.add(item);
      }
    }
    return new Settled(retry, refused);
  }

  private Mono<Settled> bisect(List<Pending> chunk, BulkRejectedException e) {
    if (chunk.size() == 1) {
      DeadLetter letter = new DeadLetter(chunk.get(0).record(), "rejected", e.getMessage());
      return Mono.just(new Settled(List.of(), List.of(letter)));
    }
    int middle = chunk.size() / 2;
    return writeChunk(chunk.subList(0, middle))
        .concatWith(Mono.defer(() -> writeChunk(chunk.subList(middle, chunk.size()))))
        .reduce(Settled::plus);
  }

  private Mono<Void> sendDeadLetters(List<DeadLetter> letters) {
    if (letters.isEmpty()) {
      return Mono.empty();
    }
    return Mono.defer(() -> deadLetters.send(letters))
        .retryWhen(
            Retry.backoff(Long.MAX_VALUE, settings.minBackoff())
                .maxBackoff(settings.maxBackoff())
                .doBeforeRetry(
                    signal -> {
                      if (signal.totalRetriesInARow() == 0) {
                        log.warn(
                            "Could not write to the dead-letter topic ({}); retrying",
                            describe(signal.failure()));
                      }
                    }))
        .doOnSuccess(
            done -> {
              letters.forEach(letter -> metrics.deadLettered(letter.reason()));
              DeadLetter first = letters.get(0);
              log.warn(
                  "{} record(s) sent to the dead-letter topic; first {}: {}",
                  letters.size(),
                  first.record(),
                  first.reason());
            });
  }

  private List<List<Pending>> chunks(List<Pending> pending) {
    long maxBytes = settings.maxBulkBytes().toBytes();
    List<List<Pending>> chunks = new ArrayList<>();
    List<Pending> current = new ArrayList<>();
    long bytes = 0;
    for (Pending item : pending) {
      int size = item.document().source().length;
      if (!current.isEmpty() && bytes + size > maxBytes) {
        chunks.add(current);
        current = new ArrayList<>();
        bytes = 0;
      }
      current.add(item);
      bytes += size;
    }
    chunks.add(current);
    return chunks;
  }

  private static <T> List<T> concat(List<T> first, List<T> second) {
    if (second.isEmpty()) {
      return first;
    }
    List<T> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  /** A record and the document made of it. */
  private record Pending(SourceRecord record, LogDocument document) {}

  /** Documents to try again and records refused for good. */
  private record Settled(List<Pending> retry, List<DeadLetter> refused) {

    Settled plus(Settled other) {
      return new Settled(concat(retry, other.retry), concat(refused, other.refused));
    }
  }

  /** Exponential backoff for documents Elasticsearch asked to send again (429, 5xx). */
  private static final class Backoff {

    private final Duration max;
    private Duration next;

    Backoff(Duration min, Duration max) {
      this.next = min;
      this.max = max;
    }

    Duration next() {
      Duration current = next;
      Duration doubled = next.multipliedBy(2);
      next = doubled.compareTo(max) > 0 ? max : doubled;
      return current;
    }
  }
}
