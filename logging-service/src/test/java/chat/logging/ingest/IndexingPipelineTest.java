package chat.logging.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.events.ActivityEvent;
import chat.logging.index.LogDocument;
import chat.logging.support.ActivityEvents;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class IndexingPipelineTest {

  static {
    // Load the JSON mapper before any timing-sensitive test: its first use can take a while.
    ActivityEvents.json(ActivityEvents.of("warm_up", "nobody", Instant.now()));
  }

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final IndexingMetrics metrics = new IndexingMetrics(meters, Clock.systemUTC());
  private final List<Long> acks = new CopyOnWriteArrayList<>();
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final AtomicLong requested = new AtomicLong();

  /** A source of {@code count} records per subscription, acknowledging into {@link #acks}. */
  private final class Source implements ActivitySource {

    private final Function<Integer, Flux<SourceRecord>> subscriptions;
    private final AtomicInteger subscription = new AtomicInteger();
    private volatile long lag;

    Source(Function<Integer, Flux<SourceRecord>> subscriptions) {
      this.subscriptions = subscriptions;
    }

    @Override
    public Flux<SourceRecord> receive() {
      return Flux.defer(() -> subscriptions.apply(subscription.incrementAndGet()))
          .doOnRequest(n -> requested.addAndGet(Math.min(n, 1_000_000_000L)));
    }

    @Override
    public long lag() {
      return lag;
    }
  }

  private Flux<SourceRecord> records(long count, Fakes.Writer writer) {
    return Flux.fromStream(LongStream.range(0, count).boxed())
        .map(offset -> record(offset, writer));
  }

  private SourceRecord record(long offset, Fakes.Writer writer) {
    ActivityEvent event =
        new ActivityEvent(
            "event-" + offset, "message_sent", Instant.now(), "alice", "general", null, null);
    return new SourceRecord(
        "chat-activity",
        0,
        offset,
        null,
        ActivityEvents.json(event),
        () -> {
          if (!writer.written.contains(event.eventId())) {
            violations.add("acknowledged before written: " + offset);
          }
          acks.add(offset);
        });
  }

  private IndexingPipeline pipeline(
      Mono<Void> indexReady, ActivitySource source, Fakes.Writer writer, int concurrency) {
    return pipeline(indexReady, source, writer, concurrency, Duration.ofSeconds(30));
  }

  private IndexingPipeline pipeline(
      Mono<Void> indexReady,
      ActivitySource source,
      Fakes.Writer writer,
      int concurrency,
      Duration stallTimeout) {
    BatchIndexer indexer =
        new BatchIndexer(
            Fakes.documents(),
            writer,
            new Fakes.DeadLetters(0),
            metrics,
            Fakes.settings(100, concurrency));
    return new IndexingPipeline(
        indexReady, source, indexer, metrics, Fakes.settings(100, concurrency), stallTimeout);
  }

  @Test
  void recordsAreAcknowledgedInOffsetOrderOnlyOnceTheirBatchIsWritten() {
    // Every other bulk request is slow, so concurrent batches complete out of order.
    Fakes.Writer writer =
        new Fakes.Writer(
            (call, documents) ->
                Mono.just(Fakes.Writer.allOk(documents))
                    .delayElement(Duration.ofMillis(call % 2 == 1 ? 40 : 1)));
    Source source = new Source(subscription -> records(1_000, writer));

    StepVerifier.create(pipeline(Mono.empty(), source, writer, 2).pipeline())
        .thenConsumeWhile(batch -> true)
        .expectComplete()
        .verify(Duration.ofSeconds(30));

    assertThat(violations).isEmpty();
    assertThat(acks).containsExactlyElementsOf(LongStream.range(0, 1_000).boxed().toList());
    assertThat(writer.written).hasSize(1_000).doesNotHaveDuplicates();
  }

  @Test
  void aStalledElasticsearchStopsConsumptionInsteadOfBufferingWithoutBound() {
    Fakes.Writer down =
        new Fakes.Writer((call, documents) -> Mono.error(new IOException("Connection refused")));
    Source source = new Source(subscription -> records(1_000_000, down));

    Disposable running = pipeline(Mono.empty(), source, down, 2).pipeline().subscribe();
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> down.calls.size() >= 30);

      assertThat(acks).isEmpty();
      assertThat(requested.get())
          .as("records requested from Kafka while Elasticsearch is down")
          .isLessThanOrEqualTo(5 * 100);
    } finally {
      running.dispose();
    }
  }

  @Test
  void nothingIsConsumedBeforeTheIndexIsReady() {
    Fakes.Writer writer = Fakes.Writer.accepting();
    Source source = new Source(subscription -> records(10, writer));

    StepVerifier.create(pipeline(Mono.never(), source, writer, 1).pipeline())
        .expectSubscription()
        .expectNoEvent(Duration.ofMillis(300))
        .thenCancel()
        .verify(Duration.ofSeconds(10));

    assertThat(requested.get()).isZero();
    assertThat(writer.calls).isEmpty();
  }

  @Test
  void aFailedConsumerIsReplacedAndWhatItHadNotAcknowledgedIsDeliveredAgain() {
    Fakes.Writer writer = Fakes.Writer.accepting();
    Source source =
        new Source(
            subscription ->
                subscription == 1
                    ? records(5, writer).concatWith(Flux.error(new IllegalStateException("gone")))
                    : records(10, writer));

    StepVerifier.create(pipeline(Mono.empty(), source, writer, 1).pipeline())
        .thenConsumeWhile(batch -> true)
        .expectComplete()
        .verify(Duration.ofSeconds(30));

    assertThat(violations).isEmpty();
    assertThat(acks).containsSubsequence(LongStream.range(0, 10).boxed().toList());
    assertThat(writer.written.stream().distinct()).hasSize(10);
    assertThat(writer.calls.stream().flatMap(List::stream).map(LogDocument::id))
        .contains("event-0", "event-9");
  }

  @Test
  void aConsumerThatStopsDeliveringWhileRecordsWaitIsReplaced() {
    Fakes.Writer writer = Fakes.Writer.accepting();
    Source source =
        new Source(subscription -> subscription == 1 ? Flux.never() : records(10, writer));
    source.lag = 10;

    StepVerifier.create(pipeline(Mono.empty(), source, writer, 1, Duration.ofSeconds(2)).pipeline())
        .thenConsumeWhile(batch -> true)
        .expectComplete()
        .verify(Duration.ofSeconds(30));

    assertThat(acks).containsExactlyElementsOf(LongStream.range(0, 10).boxed().toList());
    assertThat(source.subscription).hasValue(2);
    assertThat(meters.get("chat.logging.consumer.restarts").counter().count()).isEqualTo(1);
  }

  @Test
  void aConsumerHeldBackByAnElasticsearchOutageIsNotMistakenForAStalledOne() {
    AtomicInteger calls = new AtomicInteger();
    Fakes.Writer slow =
        new Fakes.Writer(
            (call, documents) ->
                calls.incrementAndGet() < 20
                    ? Mono.error(new IOException("Connection refused"))
                    : Mono.just(Fakes.Writer.allOk(documents)));
    Source source = new Source(subscription -> records(10, slow).concatWith(Flux.never()));
    source.lag = 10;

    Disposable running =
        pipeline(Mono.empty(), source, slow, 1, Duration.ofMillis(100)).pipeline().subscribe();
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> acks.size() == 10);
      assertThat(source.subscription).hasValue(1);
    } finally {
      running.dispose();
    }
  }
}
