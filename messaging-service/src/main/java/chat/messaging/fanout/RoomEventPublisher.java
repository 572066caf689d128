package chat.messaging.fanout;

import chat.events.EventJson;
import chat.messaging.concurrent.OneBatchInFlight;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Sends this replica's room events to the other replicas, one Redis message at a time: the events
 * published while one message is in flight leave together, in order, in the next ({@link Batch}).
 * An idle publisher sends an event at once; under load one PUBLISH carries what a stored batch of
 * messages announced, instead of one each.
 *
 * <p>Bounded: while Redis is slow or away at most {@link #MAX_QUEUED} events wait; past that an
 * event is dropped, like a failed one, counted in {@code chat.fanout.publish.failures} and logged
 * at most every 30 s. A message that never completes is failed by the Redis client's command
 * timeout ({@code spring.data.redis.timeout}).
 */
final class RoomEventPublisher {

  private static final Logger log = LoggerFactory.getLogger(RoomEventPublisher.class);
  static final int MAX_QUEUED = 10_000;
  static final int MAX_BATCH = 128;
  private static final long WARN_INTERVAL_NANOS = Duration.ofSeconds(30).toNanos();

  /** One Redis message: the publishing replica first, so that it can skip its own unread. */
  @JsonPropertyOrder({"origin", "events"})
  record Batch(String origin, List<Event> events) {}

  /** A room event: its audience, its name and its payload as raw JSON. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Event(Audience audience, String event, long sentAt, @JsonRawValue String payload) {}

  private final String origin;
  private final Function<String, Mono<?>> send;
  private final Counter failures;
  private final OneBatchInFlight<Event> batches =
      new OneBatchInFlight<>(MAX_BATCH, this::publishBatch);
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicLong lastWarn = new AtomicLong(System.nanoTime() - WARN_INTERVAL_NANOS);

  /**
   * @param send publishes one Redis message; its Mono completes when Redis took it
   */
  RoomEventPublisher(String origin, Function<String, Mono<?>> send, Counter failures) {
    this.origin = origin;
    this.send = send;
    this.failures = failures;
  }

  /** The start of every message this replica sends: it recognises its own by it. */
  static String prefixOf(String origin) {
    return "{\"origin\":" + EventJson.mapper().writeValueAsString(origin) + ",";
  }

  void publish(Event event) {
    if (queued.incrementAndGet() > MAX_QUEUED) {
      queued.decrementAndGet();
      failed(1, "more than " + MAX_QUEUED + " room events wait for Redis");
      return;
    }
    batches.add(event);
  }

  private Mono<Void> publishBatch(List<Event> batch) {
    queued.addAndGet(-batch.size());
    return Mono.defer(
            () -> send.apply(EventJson.mapper().writeValueAsString(new Batch(origin, batch))))
        .then()
        .onErrorResume(
            e -> {
              failed(batch.size(), e.toString());
              return Mono.empty();
            });
  }

  private void failed(int events, String reason) {
    failures.increment(events);
    long now = System.nanoTime();
    long last = lastWarn.get();
    if (now - last >= WARN_INTERVAL_NANOS && lastWarn.compareAndSet(last, now)) {
      log.warn("room events are not reaching other replicas: {}", reason);
    }
  }
}
