package chat.presence.connection;

import chat.events.ConnectionEvent;
import chat.events.EventJson;
import chat.events.UserIds;
import chat.presence.PresenceProperties;
import chat.presence.RateLimitedLog;
import chat.presence.kafka.InboundRecord;
import chat.presence.kafka.KafkaInbound;
import chat.presence.kafka.KafkaOutbound;
import chat.presence.kafka.OutboundRecord;
import chat.presence.registry.UserRegistry;
import chat.presence.status.Outcome;
import chat.presence.status.PresenceStore;
import chat.presence.status.Transitions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.core.JacksonException;

/**
 * Consumes {@code chat-connections}: each polled batch is applied to Redis, one user's events in
 * order and different users concurrently, and only then acknowledged, so that an offset is
 * committed only once its event is in Redis. A crash replays the uncommitted tail, which the
 * scripts recognise as duplicates.
 */
public final class ConnectionEventConsumer implements SmartLifecycle {

  private static final RateLimitedLog log =
      new RateLimitedLog(
          LoggerFactory.getLogger(ConnectionEventConsumer.class), Duration.ofSeconds(10));
  private static final int CONCURRENCY = 64;

  private final KafkaInbound inbound;
  private final KafkaOutbound outbound;
  private final PresenceStore store;
  private final UserRegistry registry;
  private final Transitions transitions;
  private final ConsumerMetrics metrics;
  private final PresenceProperties properties;
  private final Clock clock;
  private volatile Disposable running;

  public ConnectionEventConsumer(
      KafkaInbound inbound,
      KafkaOutbound outbound,
      PresenceStore store,
      UserRegistry registry,
      Transitions transitions,
      ConsumerMetrics metrics,
      PresenceProperties properties,
      Clock clock) {
    this.inbound = inbound;
    this.outbound = outbound;
    this.store = store;
    this.registry = registry;
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
        .concatMap(this::process)
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
    // Grouped by key (the user id) by hand: Flux.groupBy can stall with many small groups.
    Map<String, List<InboundRecord>> byUser = new LinkedHashMap<>();
    for (InboundRecord record : batch) {
      byUser.computeIfAbsent(String.valueOf(record.key()), key -> new ArrayList<>()).add(record);
    }
    return Flux.fromIterable(byUser.values())
        .flatMap(records -> Flux.fromIterable(records).concatMap(this::handle), CONCURRENCY)
        .then(Mono.fromRunnable(() -> batch.forEach(record -> record.acknowledge().run())));
  }

  private Mono<Void> handle(InboundRecord record) {
    ConnectionEvent event = parse(record);
    if (event == null) {
      return deadLetter(record);
    }
    metrics.consumed(event.type());
    return apply(event)
        .doOnNext(
            outcome -> {
              metrics.processed(event, outcome, clock.instant());
              if (outcome.transition() != null) {
                transitions.announce(outcome.transition());
              }
            })
        // Redis down: hold this batch (and so the partition) until it is back; never skip.
        .retryWhen(
            Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200))
                .maxBackoff(Duration.ofSeconds(5))
                .doBeforeRetry(
                    signal ->
                        log.warn(
                            "Presence update failed, retrying: {}", signal.failure().toString())))
        .then();
  }

  private Mono<Outcome> apply(ConnectionEvent event) {
    // A socket last heard of longer ago than the dead-connection timeout is dead unless a newer
    // heartbeat says otherwise; an old connect or heartbeat (a replay) must not revive it.
    Instant oldest = clock.instant().minus(properties.presence().deadConnectionTimeout());
    if (event.type() != ConnectionEvent.Type.DISCONNECTED && event.timestamp().isBefore(oldest)) {
      return registry
          .registerOffline(event.userId(), event.timestamp())
          .thenReturn(new Outcome("too_old", null));
    }
    return store.apply(event);
  }

  private ConnectionEvent parse(InboundRecord record) {
    if (record.value() == null) {
      metrics.invalid();
      log.warn("Unparseable connection event skipped: empty value");
      return null;
    }
    try {
      ConnectionEvent event = EventJson.read(record.value(), ConnectionEvent.class);
      String problem = problem(event);
      if (problem == null) {
        return event;
      }
      metrics.invalid();
      log.warn("Invalid connection event skipped: {}", problem);
    } catch (JacksonException e) {
      metrics.invalid();
      log.warn("Unparseable connection event skipped: {}", e.getOriginalMessage());
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
                log.warn("Could not dead-letter a connection event; skipped");
              }
            })
        .onErrorResume(
            e -> {
              log.warn("Could not dead-letter a connection event; skipped: {}", e.toString());
              return Mono.empty();
            })
        .then();
  }

  @Override
  public void start() {
    running = pipeline().subscribe();
  }

  @Override
  public void stop() {
    Disposable current = running;
    if (current != null) {
      current.dispose();
    }
    running = null;
  }

  @Override
  public boolean isRunning() {
    return running != null;
  }
}
