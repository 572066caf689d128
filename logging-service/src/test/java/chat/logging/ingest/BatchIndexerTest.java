package chat.logging.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import chat.events.ActivityEvent;
import chat.logging.LoggingProperties;
import chat.logging.index.LogDocument;
import chat.logging.ingest.BulkWriter.BulkRejectedException;
import chat.logging.ingest.BulkWriter.ItemResult;
import chat.logging.support.ActivityEvents;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class BatchIndexerTest {

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final IndexingMetrics metrics = new IndexingMetrics(meters, Clock.systemUTC());
  private final List<Long> acks = new CopyOnWriteArrayList<>();
  private final Fakes.DeadLetters deadLetters = new Fakes.DeadLetters(0);

  private BatchIndexer indexer(BulkWriter writer) {
    return indexer(writer, Fakes.settings(100, 1));
  }

  private BatchIndexer indexer(BulkWriter writer, LoggingProperties.Indexing settings) {
    return new BatchIndexer(Fakes.documents(), writer, deadLetters, metrics, settings);
  }

  private List<SourceRecord> batch(int size) {
    List<SourceRecord> records = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      ActivityEvent event = ActivityEvents.message("alice", "general", i, "m" + i, Instant.now());
      records.add(Fakes.record(i, ActivityEvents.json(event), acks));
    }
    return records;
  }

  private static SourceRecord raw(long offset, String value) {
    return Fakes.record(offset, value.getBytes(StandardCharsets.UTF_8), new ArrayList<>());
  }

  private void indexes(BatchIndexer indexer, List<SourceRecord> batch) {
    StepVerifier.create(indexer.index(batch))
        .expectNext(batch)
        .expectComplete()
        .verify(Duration.ofSeconds(10));
  }

  private double counter(String name, String... tags) {
    var counter = meters.find(name).tags(tags).counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void aBatchIsWrittenWithOneBulkRequestAndCounted() {
    Fakes.Writer writer = Fakes.Writer.accepting();
    List<SourceRecord> batch = batch(50);

    indexes(indexer(writer), batch);

    assertThat(writer.calls).hasSize(1);
    assertThat(writer.written).hasSize(50).doesNotHaveDuplicates();
    assertThat(counter("chat.logging.events.indexed")).isEqualTo(50);
    assertThat(meters.get("chat.logging.bulk.latency").tag("outcome", "success").timer().count())
        .isEqualTo(1);
    assertThat(meters.get("chat.logging.index.lag").timer().count()).isEqualTo(50);
    assertThat(deadLetters.sent).isEmpty();
    assertThat(acks).as("acknowledging is the pipeline's job, in order").isEmpty();
  }

  @Test
  void anElasticsearchOutageIsRetriedUntilItPassesAndNothingIsLost() {
    Fakes.Writer writer =
        new Fakes.Writer(
            (call, documents) ->
                call <= 3
                    ? Mono.error(new IOException("Connection refused"))
                    : Mono.just(Fakes.Writer.allOk(documents)));

    indexes(indexer(writer), batch(20));

    assertThat(writer.calls).hasSize(4);
    assertThat(writer.written).hasSize(20);
    assertThat(counter("chat.logging.bulk.retries", "scope", "request")).isEqualTo(3);
    assertThat(meters.get("chat.logging.bulk.latency").tag("outcome", "failure").timer().count())
        .isEqualTo(3);
    assertThat(deadLetters.sent).isEmpty();
  }

  @Test
  void documentsElasticsearchAsksToSendAgainAreRetriedAlone() {
    Fakes.Writer writer =
        new Fakes.Writer(
            (call, documents) ->
                Mono.just(
                    call == 1
                        ? Fakes.Writer.each(
                            documents,
                            d ->
                                d.id().equals(documents.get(2).id())
                                    ? new ItemResult(429, "es_rejected_execution_exception")
                                    : ItemResult.ok())
                        : Fakes.Writer.allOk(documents)));

    indexes(indexer(writer), batch(5));

    assertThat(writer.calls).hasSize(2);
    assertThat(writer.calls.get(1)).hasSize(1);
    assertThat(writer.written).hasSize(5).doesNotHaveDuplicates();
    assertThat(counter("chat.logging.bulk.retries", "scope", "item")).isEqualTo(1);
  }

  @Test
  void aDocumentTheMappingRefusesGoesToTheDeadLetterTopicWithTheReason() {
    Fakes.Writer writer =
        new Fakes.Writer(
            (call, documents) ->
                Mono.just(
                    Fakes.Writer.each(
                        documents,
                        d ->
                            new String(d.source(), StandardCharsets.UTF_8).contains("\"m1\"")
                                ? new ItemResult(400, "document_parsing_exception: bad seq")
                                : ItemResult.ok())));
    List<SourceRecord> batch = batch(3);

    indexes(indexer(writer), batch);

    assertThat(writer.written).hasSize(2);
    assertThat(deadLetters.sent).hasSize(1);
    DeadLetter letter = deadLetters.sent.get(0);
    assertThat(letter.record()).isSameAs(batch.get(1));
    assertThat(letter.reason()).isEqualTo("rejected");
    assertThat(letter.detail()).contains("document_parsing_exception");
    assertThat(counter("chat.logging.dead.letters", "reason", "rejected")).isEqualTo(1);
  }

  @Test
  void unparseableAndInvalidRecordsGoToTheDeadLetterTopicWithoutReachingElasticsearch() {
    Fakes.Writer writer = Fakes.Writer.accepting();
    List<SourceRecord> batch = new ArrayList<>(batch(2));
    batch.add(raw(10, "not json"));
    batch.add(
        raw(
            11,
            "{\"eventId\":\" \",\"eventType\":\"login_failed\",\"timestamp\":\"2026-01-01T00:00:00Z\"}"));

    indexes(indexer(writer), batch);

    assertThat(writer.written).hasSize(2);
    assertThat(deadLetters.sent)
        .extracting(DeadLetter::reason)
        .containsExactly("unparseable", "invalid");
    assertThat(counter("chat.logging.dead.letters", "reason", "unparseable")).isEqualTo(1);
  }

  @Test
  void aBulkRequestRefusedAsAWholeIsSplitUntilTheCulpritIsAlone() {
    List<SourceRecord> batch = batch(9);
    String poison = Fakes.documents().from(batch.get(6).value()).id();
    Fakes.Writer writer =
        new Fakes.Writer(
            (call, documents) ->
                documents.stream().map(LogDocument::id).anyMatch(poison::equals)
                    ? Mono.error(new BulkRejectedException("400 parse_exception", null))
                    : Mono.just(Fakes.Writer.allOk(documents)));

    indexes(indexer(writer), batch);

    assertThat(writer.written).hasSize(8).doesNotContain(poison);
    assertThat(deadLetters.sent).extracting(DeadLetter::record).containsExactly(batch.get(6));
  }

  @Test
  void aDeadLetterTopicThatIsDownIsRetriedBeforeTheBatchCompletes() {
    Fakes.DeadLetters flaky = new Fakes.DeadLetters(2);
    BatchIndexer indexer =
        new BatchIndexer(
            Fakes.documents(), Fakes.Writer.accepting(), flaky, metrics, Fakes.settings(100, 1));

    indexes(indexer, List.of(raw(0, "garbage")));

    assertThat(flaky.sent).hasSize(1);
  }

  @Test
  void aBatchLargerThanTheByteLimitIsSentInSeveralRequests() {
    Fakes.Writer writer = Fakes.Writer.accepting();
    LoggingProperties.Indexing small =
        new LoggingProperties.Indexing(
            100,
            Duration.ofMillis(20),
            DataSize.ofKilobytes(2),
            1,
            Duration.ofMillis(1),
            Duration.ofMillis(10),
            Duration.ofSeconds(5));
    List<SourceRecord> batch = batch(30);

    indexes(indexer(writer, small), batch);

    assertThat(writer.calls.size()).isGreaterThan(1);
    assertThat(writer.calls)
        .allSatisfy(
            call ->
                assertThat(call.stream().mapToInt(d -> d.source().length).sum())
                    .isLessThanOrEqualTo(2048));
    assertThat(writer.written).hasSize(30);
  }
}
