package chat.presence.connection;

import chat.events.ConnectionEvent;
import chat.events.EventJson;
import chat.events.UserIds;
import chat.presence.BackgroundPipeline;
import chat.presence.PresenceProperties;
import chat.presence.RateLimitedLog;
import chat.presence.kafka.InboundRecord;
import chat.presence.kafka.KafkaInbound;
import chat.presence.kafka.KafkaOutbound;
import chat.presence.kafka.OutboundRecord;
import chat.presence.status.Outcome;
import chat.presence.status.PresenceStore;
import chat.presence.status.Transitions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.core.JacksonException;

/**
 * Consumes {@code chat-connections}: each polled batch is applied to Redis in Kafka order, in few
 * script calls, and only then acknowledged, so that an offset is committed only once its event is
 * in Redis. A crash replays the uncommitted tail, which the scripts recognise as duplicates.
 */
public final class ConnectionEventConsumer extends BackgroundPipeline {

  private static final Logger logger = LoggerFactory.getLogger(ConnectionEventConsumer.class);
  // One limiter per kind of problem, so that a flood of one cannot hide another.
  private static final RateLimitedLog log = new RateLimitedLog(logger, Duration.ofSeconds(10));
  private static final RateLimitedLog badInput = new RateLimitedLog(logger, Duration.ofSeconds(10));
  private static final RateLimitedLog deadLetterLog =
      new RateLimitedLog(logger, Duration.ofSeconds(10));

  /** Events per script call: long enough to amortise the round trip, short enough for Redis. */
  private static final int CHUNK = 250;

  /** How long a lane waits to fill a batch; bounds the added latency at low rates. */
  private static final Duration BATCH_WAIT = Duration.ofMillis(2);

  /** Lanes in flight; beyond the partition count of any sane topic. */
  private static final int MAX_PARTITIONS = 1024;

  private final KafkaInbound inbound;
  private final KafkaOutbound outbound;
  private final PresenceStore store;
  private final Transitions transitions;
  private final ConsumerMetrics metrics;
  private final PresenceProperties properties;
  private final Clock clock;

  public ConnectionEventConsumer(
      KafkaInbound inbound,
      KafkaOutbound outbound,
      PresenceStore store,
      Transitions transitions,
      ConsumerMetrics metrics,
      PresenceProperties properties,
      Clock clock) {
    this.inbound = inbound;
    this.outbound = outbound;
    this.store = store;
    this.transitions = transitions;
    this.metrics = metrics;
    this.properties = properties;
    this.clock = clock;
  }

  /** Consumes until cancelled; a failed consumer is replaced after a backoff. */
  Flux<Void> pipeline() {
    PresenceProperties.Kafka kafka = properties.kafka();
    return inbound
        .receive(kafka.connectionsTopic(), kafka.groupId())
        // Partitions are independent (a user's events all live in one): each gets its own
        // sequential lane of small batches, and the lanes run concurrently.
        .groupBy(InboundRecord::partition)
        .flatMap(
            lane -> lane.bufferTimeout(CHUNK, BATCH_WAIT, true).concatMap(this::process),
            MAX_PARTITIONS)
        .retryWhen(
            Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1))
                .maxBackoff(Duration.ofSeconds(30))
                .doBeforeRetry(
                    signal ->
                        log.warn(
                            "Connection event consumer failed, restarting: {}",
                            signal.failure().toString())));
  }

  /** Applies one batch, then acknowledges all of it in offset order. */
  Mono<Void> process(List<InboundRecord> batch) {
    List<ConnectionEvent> valid = new ArrayList<>(batch.size());
    List<InboundRecord> invalid = new ArrayList<>();
    for (InboundRecord record : batch) {
      ConnectionEvent event = parse(record);
      if (event == null) {
        invalid.add(record);
      } else {
        metrics.consumed(event.type());
        valid.add(event);
      }
    }
    Flux<Void> applied = valid.isEmpty() ? Flux.empty() : apply(valid).flux();
    Flux<Void> deadLettered = Flux.fromIterable(invalid).flatMap(this::deadLetter);
    return Flux.merge(applied, deadLettered)
        .then(Mono.fromRunnable(() -> batch.forEach(record -> record.acknowledge().run())));
  }

  private Mono<Void> apply(List<ConnectionEvent> events) {
    return store
        .apply(events)
        // Redis down: hold this batch (and so the partition) until it is back; never skip.
        // Replaying a chunk is harmless: what was applied is recognised as duplicate.
        .retryWhen(
            Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200))
                .maxBackoff(Duration.ofSeconds(5))
                .doBeforeRetry(
                    signal ->
                        log.warn(
                            "Presence update failed, retrying: {}", signal.failure().toString())))
        .doOnNext(
            outcomes -> {
              Instant now = clock.instant();
              for (int i = 0; i < outcomes.size() && i < events.size(); i++) {
                Outcome outcome = outcomes.get(i);
                metrics.processed(events.get(i), outcome, now);
                if (outcome.transition() != null) {
                  transitions.announce(outcome.transition());
                }
              }
            })
        .then();
  }

  private ConnectionEvent parse(InboundRecord record) {
    if (record.value() == null) {
      metrics.invalid();
      badInput.warn("Unparseable connection event skipped: empty value");
      return null;
    }
    try {
      ConnectionEvent event = EventJson.read(record.value(), ConnectionEvent.class);
      String problem = problem(event);
      if (problem == null) {
        return event;
      }
      metrics.invalid();
      badInput.warn("Invalid connection event skipped: {}", problem);
    } catch (JacksonException e) {
      metrics.invalid();
      badInput.warn("Unparseable connection event skipped: {}", e.getOriginalMessage());
    }
    return null;
  }

  private static String problem(ConnectionEvent event) {
    if (event == null) {
      return "null";
    }
    if (event.type() == null) {
      return "no type";
    }
    if (!UserIds.isValid(event.userId())) {
      return "invalid userId";
    }
    if (event.connectionId() == null || event.connectionId().isBlank()) {
      return "no connectionId";
    }
    if (event.timestamp() == null) {
      return "no timestamp";
    }
    return null;
  }

  /** Best effort: a record that cannot be dead-lettered is still skipped, never retried forever. */
  private Mono<Void> deadLetter(InboundRecord record) {
    OutboundRecord dead =
        new OutboundRecord(
            properties.kafka().deadLetterTopic(),
            record.key(),
            record.value() == null ? new byte[0] : record.value(),
            Map.of("reason", "unparseable", "instanceId", properties.instanceId()));
    return outbound
        .send(Flux.just(dead))
        .next()
        .timeout(Duration.ofSeconds(10))
        .doOnNext(
            sent -> {
              if (!sent) {
                deadLetterLog.warn("Could not dead-letter a connection event; skipped");
              }
            })
        .onErrorResume(
            e -> {
              deadLetterLog.warn(
                  "Could not dead-letter a connection event; skipped: {}", e.toString());
              return Mono.empty();
            })
        .then();
  }

  @Override
  protected Disposable run() {
    return pipeline().subscribe();
  }
}
