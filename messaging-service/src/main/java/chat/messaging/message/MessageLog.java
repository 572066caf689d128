package chat.messaging.message;

import chat.messaging.MessagingProperties;
import chat.messaging.metrics.CallTimer;
import chat.messaging.room.Room;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The messages of every room: append with a gap-free per-room sequence, history pages, catch-up
 * after a reconnect. Access rules are checked by the caller (see {@code RoomDirectory}).
 */
@Component
public class MessageLog {

  private static final Logger log = LoggerFactory.getLogger(MessageLog.class);

  /** Idle sequencers are discarded past this many rooms (a discarded one only costs a lookup). */
  private static final int MAX_SEQUENCERS = 10_000;

  private final MessageStore store;
  private final Clock clock;
  private final Map<String, RoomSequencer> sequencers = new ConcurrentHashMap<>();
  private final Map<String, Counter> stored = new ConcurrentHashMap<>();
  private final MeterRegistry registry;

  @Autowired
  MessageLog(ReactiveMongoTemplate mongo, MessagingProperties properties, MeterRegistry registry) {
    this(
        new MessageStore(
            mongo.getCollection(MessageStore.COLLECTION).cache(),
            mongo.getCollection(MessageStore.ROOMS).cache(),
            new CallTimer(registry, "chat.mongo.latency", "MongoDB call latency"),
            properties.mongoTimeout()),
        Clock.systemUTC(),
        registry);
  }

  MessageLog(MessageStore store, Clock clock, MeterRegistry registry) {
    this.store = store;
    this.clock = clock;
    this.registry = registry;
  }

  @EventListener(ApplicationReadyEvent.class)
  void createIndexes() {
    store
        .ensureIndexes()
        .retryWhen(
            Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30)))
        .subscribe(null, e -> log.error("could not create the message indexes", e));
  }

  /**
   * Stores a message with the next seq of its room. Completes only once MongoDB acknowledged the
   * write. A resend with the same {@code clientMsgId} returns the stored message ({@code
   * created=false}).
   *
   * @param content already validated and trimmed (see {@link MessageContent})
   */
  public Mono<Appended> append(Room room, String senderId, String content, String clientMsgId) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Message draft =
        new Message(
            MessageIds.of(room.id(), senderId, clientMsgId),
            room.id(),
            0,
            senderId,
            content,
            now,
            clientMsgId);
    return sequencer(room.id())
        .append(draft)
        .doOnNext(
            appended -> {
              if (appended.created()) {
                storedCounter(room).increment();
              }
            });
  }

  /**
   * A page of {@code room}'s history before {@code beforeSeq} (the newest page if null), oldest
   * first, with whether older messages exist.
   */
  public Mono<HistoryPage> history(String room, Long beforeSeq, int limit) {
    return store.page(room, beforeSeq, limit);
  }

  /** Up to {@code limit} messages after {@code afterSeq}, oldest first. */
  public Mono<List<Message>> after(String room, long afterSeq, int limit) {
    return store.oldestAfter(room, afterSeq, limit);
  }

  /** The highest stored seq of {@code room}, 0 when it has none. */
  public Mono<Long> lastSeq(String room) {
    return store.lastSeq(room);
  }

  private RoomSequencer sequencer(String room) {
    if (sequencers.size() > MAX_SEQUENCERS) {
      // Safe even if a discarded one is still in use: the unique (room, seq) index arbitrates.
      sequencers.values().removeIf(RoomSequencer::idle);
    }
    return sequencers.computeIfAbsent(room, r -> new RoomSequencer(r, store));
  }

  private Counter storedCounter(Room room) {
    return stored.computeIfAbsent(
        room.type().tag(),
        type ->
            Counter.builder("chat.messages.stored")
                .description("Messages durably stored")
                .tag("room_type", type)
                .register(registry));
  }
}
