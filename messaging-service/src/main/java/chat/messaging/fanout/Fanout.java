package chat.messaging.fanout;

import chat.events.EventJson;
import chat.messaging.MessagingProperties;
import chat.messaging.connection.LocalSockets;
import chat.messaging.metrics.CallTimer;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;
import tools.jackson.databind.JsonNode;

/**
 * Room events across replicas. An event is encoded once, handed to this replica's sockets directly,
 * and published once on the Redis channel {@code messaging:events}; every other replica decodes it
 * once and hands it to its own matching sockets (by user for DMs, everyone for the global room). A
 * replica ignores its own publications.
 *
 * <p>Redis pub/sub is at-most-once: while Redis is unreachable, sockets on other replicas miss live
 * events. Nothing is lost: messages are stored first, and a client catches up with {@code joinChat
 * {lastSeen}} when it reconnects.
 */
@Component
public class Fanout implements RoomBroadcast, SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(Fanout.class);
  private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(2);
  private static final long WARN_INTERVAL_NANOS = Duration.ofSeconds(30).toNanos();

  private final ReactiveStringRedisTemplate redis;
  private final String channel;
  private final String instanceId;
  private final LocalDelivery local;
  private final CallTimer redisTimer;
  private final Counter publishFailures;
  private final AtomicLong lastWarn = new AtomicLong(System.nanoTime() - WARN_INTERVAL_NANOS);
  private volatile Disposable subscription;

  Fanout(
      ReactiveStringRedisTemplate redis,
      LocalSockets sockets,
      MessagingProperties properties,
      MeterRegistry registry) {
    this.redis = redis;
    this.channel = properties.fanout().channel();
    this.instanceId = properties.instanceId();
    this.local = new LocalDelivery(sockets, registry);
    this.redisTimer = new CallTimer(registry, "chat.redis.latency", "Redis call latency");
    this.publishFailures =
        Counter.builder("chat.fanout.publish.failures")
            .description("Room events that could not be published to the other replicas")
            .register(registry);
  }

  /** On the Redis channel: the event, its audience, and the payload as raw JSON. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Envelope(
      String origin, Audience audience, String event, long sentAt, @JsonRawValue String payload) {}

  @Override
  public void publish(Audience audience, String event, Object payload, long sentAtMicros) {
    String json = EventJson.mapper().writeValueAsString(payload);
    local.deliver(audience, event, json, sentAtMicros);
    String envelope =
        EventJson.mapper()
            .writeValueAsString(new Envelope(instanceId, audience, event, sentAtMicros, json));
    redisTimer
        .time("publish", redis.convertAndSend(channel, envelope).timeout(PUBLISH_TIMEOUT))
        .subscribe(null, this::publishFailed);
  }

  /** Sends {@code event} to the matching sockets of this replica only. */
  public void publishLocally(Audience audience, String event, Object payload) {
    local.deliver(audience, event, EventJson.mapper().writeValueAsString(payload), 0);
  }

  private void publishFailed(Throwable e) {
    publishFailures.increment();
    long now = System.nanoTime();
    long last = lastWarn.get();
    if (now - last >= WARN_INTERVAL_NANOS && lastWarn.compareAndSet(last, now)) {
      log.warn("room events are not reaching other replicas: {}", e.toString());
    }
  }

  void receive(String message) {
    JsonNode root;
    try {
      root = EventJson.mapper().readTree(message);
    } catch (RuntimeException e) {
      log.warn("ignored an unreadable room event on {}", channel);
      return;
    }
    if (instanceId.equals(root.path("origin").asString(null))) {
      return;
    }
    Audience audience = EventJson.mapper().treeToValue(root.path("audience"), Audience.class);
    JsonNode payload = root.path("payload");
    local.deliver(
        audience, root.path("event").asString(), payload.toString(), root.path("sentAt").asLong());
  }

  @Override
  public void start() {
    subscription =
        // Subscribing connects (blocking) and fails while Redis is down: do it off the caller's
        // thread and keep retrying, so the service starts without Redis and catches up later.
        Flux.defer(() -> redis.listenToChannel(channel))
            .subscribeOn(Schedulers.boundedElastic())
            .doOnNext(
                m -> {
                  try {
                    receive(m.getMessage());
                  } catch (RuntimeException e) {
                    log.warn("could not deliver a room event: {}", e.toString());
                  }
                })
            .retryWhen(
                Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(500))
                    .maxBackoff(Duration.ofSeconds(10))
                    .doBeforeRetry(
                        s ->
                            log.warn(
                                "room event subscription lost, resubscribing: {}", s.failure())))
            .subscribe();
  }

  @Override
  public void stop() {
    Disposable s = subscription;
    if (s != null) {
      s.dispose();
    }
  }

  @Override
  public boolean isRunning() {
    Disposable s = subscription;
    return s != null && !s.isDisposed();
  }
}
