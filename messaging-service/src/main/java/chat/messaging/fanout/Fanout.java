package chat.messaging.fanout;

import chat.events.EventJson;
import chat.messaging.MessagingProperties;
import chat.messaging.connection.LocalSockets;
import chat.messaging.metrics.CallTimer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
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
 * and published on the Redis channel {@code messaging:room-events} ({@link RoomEventPublisher}: the
 * events published while one Redis message is in flight leave together in the next); every other
 * replica decodes it once and hands it to its own matching sockets (by user for DMs, everyone for
 * the global room). A replica skips its own messages unread.
 *
 * <p>Redis pub/sub is at-most-once: while Redis is unreachable, sockets on other replicas miss live
 * events. Nothing is lost: messages are stored first, and a client catches up with {@code joinChat
 * {lastSeen}} when it reconnects.
 */
@Component
public class Fanout implements RoomBroadcast, SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(Fanout.class);

  private final ReactiveStringRedisTemplate redis;
  private final String channel;
  private final String ownPrefix;
  private final LocalDelivery local;
  private final RoomEventPublisher publisher;
  private volatile Disposable subscription;

  Fanout(
      ReactiveStringRedisTemplate redis,
      LocalSockets sockets,
      MessagingProperties properties,
      MeterRegistry registry) {
    this.redis = redis;
    this.channel = properties.fanout().channel();
    this.ownPrefix = RoomEventPublisher.prefixOf(properties.instanceId());
    this.local = new LocalDelivery(sockets, registry);
    CallTimer redisTimer = new CallTimer(registry, "chat.redis.latency", "Redis call latency");
    this.publisher =
        new RoomEventPublisher(
            properties.instanceId(),
            message -> redisTimer.time("publish", redis.convertAndSend(channel, message)),
            Counter.builder("chat.fanout.publish.failures")
                .description("Room events that could not be published to the other replicas")
                .register(registry));
  }

  @Override
  public void publish(Audience audience, String event, Object payload, long sentAtMicros) {
    String json = EventJson.mapper().writeValueAsString(payload);
    local.deliver(audience, event, json, sentAtMicros);
    publisher.publish(new RoomEventPublisher.Event(audience, event, sentAtMicros, json));
  }

  /** Sends {@code event} to the matching sockets of this replica only. */
  public void publishLocally(Audience audience, String event, Object payload) {
    local.deliver(audience, event, EventJson.mapper().writeValueAsString(payload), 0);
  }

  void receive(String message) {
    if (message.startsWith(ownPrefix)) {
      return;
    }
    JsonNode events;
    try {
      events = EventJson.mapper().readTree(message).path("events");
    } catch (RuntimeException e) {
      log.warn("ignored an unreadable room event message on {}", channel);
      return;
    }
    for (JsonNode event : events) {
      if (!event.path("event").isString() || !event.has("payload")) {
        log.warn("ignored a room event without a name or payload on {}", channel);
        continue;
      }
      try {
        Audience audience = EventJson.mapper().treeToValue(event.path("audience"), Audience.class);
        local.deliver(
            audience,
            event.path("event").asString(),
            event.path("payload").toString(),
            event.path("sentAt").asLong());
      } catch (RuntimeException e) {
        log.warn("could not deliver a room event: {}", e.toString());
      }
    }
  }

  @Override
  public void start() {
    subscription =
        // Subscribing connects (blocking) and fails while Redis is down: do it off the caller's
        // thread and keep retrying, so the service starts without Redis and catches up later.
        Flux.defer(() -> redis.listenToChannel(channel))
            .subscribeOn(Schedulers.boundedElastic())
            .doOnNext(m -> receive(m.getMessage()))
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
