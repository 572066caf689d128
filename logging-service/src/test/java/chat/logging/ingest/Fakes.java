package chat.logging.ingest;

import chat.logging.LoggingProperties;
import chat.logging.index.ChatLogsIndex;
import chat.logging.index.LogDocument;
import chat.logging.index.LogDocuments;
import chat.logging.ingest.BulkWriter.ItemResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Mono;

/** In-memory stand-ins for Elasticsearch and the dead-letter topic. */
final class Fakes {

  private Fakes() {}

  static LoggingProperties.Indexing settings(int batchSize, int concurrency) {
    return new LoggingProperties.Indexing(
        batchSize,
        Duration.ofMillis(20),
        DataSize.ofMegabytes(5),
        concurrency,
        Duration.ofMillis(1),
        Duration.ofMillis(20),
        Duration.ofSeconds(5));
  }

  static LogDocuments documents() {
    return new LogDocuments(new ChatLogsIndex("chat-logs"));
  }

  static SourceRecord record(long offset, byte[] value, List<Long> acks) {
    return new SourceRecord("chat-activity", 0, offset, null, value, () -> acks.add(offset));
  }

  /** A bulk writer whose answer to each call is decided by a function of the call number. */
  static final class Writer implements BulkWriter {

    final List<List<LogDocument>> calls = new CopyOnWriteArrayList<>();
    final List<String> written = new CopyOnWriteArrayList<>();
    private final AtomicInteger count = new AtomicInteger();
    private final Behaviour behaviour;

    interface Behaviour {
      Mono<List<ItemResult>> answer(int call, List<LogDocument> documents);
    }

    Writer(Behaviour behaviour) {
      this.behaviour = behaviour;
    }

    static Writer accepting() {
      return new Writer((call, documents) -> Mono.just(allOk(documents)));
    }

    static List<ItemResult> allOk(List<LogDocument> documents) {
      return documents.stream().map(d -> ItemResult.ok()).toList();
    }

    static List<ItemResult> each(
        List<LogDocument> documents, Function<LogDocument, ItemResult> result) {
      return documents.stream().map(result).toList();
    }

    @Override
    public Mono<List<ItemResult>> write(List<LogDocument> documents) {
      return Mono.defer(
          () -> {
            calls.add(List.copyOf(documents));
            return behaviour
                .answer(count.incrementAndGet(), documents)
                .doOnNext(
                    results -> {
                      for (int i = 0; i < results.size(); i++) {
                        if (results.get(i).written()) {
                          written.add(documents.get(i).id());
                        }
                      }
                    });
          });
    }
  }

  /** A dead-letter sink that keeps what it is sent, failing the first {@code failures} sends. */
  static final class DeadLetters implements DeadLetterSink {

    final List<DeadLetter> sent = new CopyOnWriteArrayList<>();
    private final AtomicInteger failures;

    DeadLetters(int failures) {
      this.failures = new AtomicInteger(failures);
    }

    @Override
    public Mono<Void> send(List<DeadLetter> letters) {
      return Mono.defer(
          () -> {
            if (failures.getAndDecrement() > 0) {
              return Mono.error(new IllegalStateException("broker unavailable"));
            }
            sent.addAll(new ArrayList<>(letters));
            return Mono.empty();
          });
    }
  }
}
