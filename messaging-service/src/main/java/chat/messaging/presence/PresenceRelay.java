package chat.messaging.presence;

import chat.events.EventJson;
import chat.events.PresenceChange;
import chat.events.RedisKeys;
import chat.events.User;
import chat.messaging.MessagingProperties;
import chat.messaging.fanout.Audience;
import chat.messaging.fanout.Fanout;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * Relays presence-service's changes ({@link RedisKeys#PRESENCE_CHANGES}) to this replica's sockets:
 * {@code userJoined {user}} and {@code userLeft {userId, lastSeen}} as they come, and {@code
 * presenceUpdate {users}} with only the users that changed, at most once per {@code
 * chat.messaging.fanout.presence-coalesce} (1 s) for the whole replica, hence per socket. Every
 * replica subscribes itself, so nothing is re-published between replicas.
 */
@Component
class PresenceRelay implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(PresenceRelay.class);

  private final ReactiveStringRedisTemplate redis;
  private final Fanout fanout;
  private final Duration coalesce;
  private final Map<String, User> changed = new LinkedHashMap<>();
  private volatile Disposable running;

  PresenceRelay(ReactiveStringRedisTemplate redis, Fanout fanout, MessagingProperties properties) {
    this.redis = redis;
    this.fanout = fanout;
    this.coalesce = properties.fanout().presenceCoalesce();
  }

  record UserJoined(User user) {}

  record UserLeft(String userId, Instant lastSeen) {}

  record PresenceUpdate(List<User> users) {}

  void onChange(PresenceChange change) {
    User user = change.user();
    if (user == null || user.userId() == null || user.status() == null) {
      return;
    }
    if (user.online()) {
      fanout.publishLocally(Audience.everyone(), "userJoined", new UserJoined(user));
    } else {
      fanout.publishLocally(
          Audience.everyone(), "userLeft", new UserLeft(user.userId(), user.lastSeen()));
    }
    synchronized (changed) {
      changed.put(user.userId(), user);
    }
  }

  void flush() {
    List<User> users;
    synchronized (changed) {
      if (changed.isEmpty()) {
        return;
      }
      users = List.copyOf(changed.values());
      changed.clear();
    }
    fanout.publishLocally(Audience.everyone(), "presenceUpdate", new PresenceUpdate(users));
  }

  @Override
  public void start() {
    Disposable changes =
        // Subscribing connects (blocking) and fails while Redis is down: do it off the caller's
        // thread and keep retrying, so the service starts without Redis and catches up later.
        Flux.defer(() -> redis.listenToChannel(RedisKeys.PRESENCE_CHANGES))
            .subscribeOn(Schedulers.boundedElastic())
            .doOnNext(
                m -> {
                  try {
                    onChange(
                        EventJson.read(
                            m.getMessage().getBytes(StandardCharsets.UTF_8), PresenceChange.class));
                  } catch (RuntimeException e) {
                    log.warn(
                        "ignored an unreadable presence change: {}", e.getClass().getSimpleName());
                  }
                })
            .retryWhen(
                Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(500))
                    .maxBackoff(Duration.ofSeconds(10)))
            .subscribe();
    Disposable ticks = Flux.interval(coalesce).onBackpressureDrop().subscribe(t -> flush());
    running = Disposables.composite(changes, ticks);
  }

  @Override
  public void stop() {
    Disposable r = running;
    if (r != null) {
      r.dispose();
    }
  }

  @Override
  public boolean isRunning() {
    Disposable r = running;
    return r != null && !r.isDisposed();
  }
}
