package chat.presence.status;

import chat.events.ConnectionEvent;
import chat.events.EventJson;
import chat.events.RedisKeys;
import chat.events.User;
import chat.presence.PresenceProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Mono;

/**
 * The connection state of every user, in Redis, changed only by atomic Lua scripts so that any
 * number of presence replicas can process events and deadlines concurrently. A script that makes a
 * user go online or offline also publishes the {@code PresenceChange}: exactly once per transition.
 *
 * <p>Keys, besides the registry hash {@link RedisKeys#USERS}: {@code presence:conn:{user}} (open
 * sockets, id to last event time), {@code presence:closed:{user}} (recently closed sockets, id to
 * close time), {@code presence:liveness} ({@code user|socket} to heartbeat deadline), {@code
 * presence:pending} (user to offline deadline) and {@code presence:online} (set of online users).
 * Deadlines are on the Redis clock. The scripts handle many users per call and derive per-user key
 * names themselves, so this needs a single Redis (not Cluster).
 */
public final class PresenceStore {

  static final String LIVENESS = "presence:liveness";
  static final String PENDING = "presence:pending";
  static final String ONLINE = "presence:online";

  // Entries are written by the presence scripts and always contain this; a cheap pre-filter.
  private static final String ONLINE_MARKER = "\"status\":\"online\"";

  @SuppressWarnings("rawtypes")
  private static final RedisScript<List> EVENTS = script("events");

  @SuppressWarnings("rawtypes")
  private static final RedisScript<List> SWEEP_OFFLINE = script("sweep_offline");

  @SuppressWarnings("rawtypes")
  private static final RedisScript<List> SWEEP_DEAD = script("sweep_dead");

  @SuppressWarnings("rawtypes")
  private static final RedisScript<List> RECONCILE = script("reconcile");

  private final ReactiveStringRedisTemplate redis;
  private final PresenceProperties.Presence timing;

  public PresenceStore(ReactiveStringRedisTemplate redis, PresenceProperties.Presence timing) {
    this.redis = redis;
    this.timing = timing;
  }

  /**
   * Applies well-formed events (valid user id, non-blank connection id, timestamp) in order, in one
   * atomic script call, and returns one outcome per event.
   */
  public Mono<List<Outcome>> apply(List<ConnectionEvent> events) {
    List<String> args = new ArrayList<>(5 + events.size() * 4);
    args.add(millis(timing.gracePeriod()));
    args.add(millis(timing.deadConnectionTimeout()));
    args.add(millis(timing.closedRetention()));
    args.add(RedisKeys.PRESENCE_CHANGES);
    args.add(millis(min(timing.reconnectWindow(), timing.gracePeriod())));
    for (ConnectionEvent event : events) {
      args.add(event.type().name().toLowerCase(Locale.ROOT));
      args.add(event.userId());
      args.add(event.connectionId());
      args.add(Long.toString(event.timestamp().toEpochMilli()));
    }
    return outcomes(EVENTS, List.of(RedisKeys.USERS, LIVENESS, PENDING, ONLINE), args);
  }

  /**
   * Marks offline up to {@code sweepBatch} users whose grace period has passed and whose sockets
   * did not come back; one outcome per user claimed.
   */
  public Mono<List<Outcome>> sweepOffline() {
    return outcomes(
        SWEEP_OFFLINE,
        List.of(RedisKeys.USERS, PENDING, ONLINE),
        List.of(RedisKeys.PRESENCE_CHANGES, Integer.toString(timing.sweepBatch())));
  }

  /**
   * Closes up to {@code sweepBatch} sockets whose heartbeats stopped, and marks offline the users
   * left without sockets; one outcome per socket.
   */
  public Mono<List<Outcome>> sweepDead() {
    return outcomes(
        SWEEP_DEAD,
        List.of(RedisKeys.USERS, LIVENESS, PENDING, ONLINE),
        List.of(
            RedisKeys.PRESENCE_CHANGES,
            Integer.toString(timing.sweepBatch()),
            millis(timing.closedRetention())));
  }

  /**
   * Walks the registry and repairs the entries of users shown online; returns how many were
   * scheduled to go offline.
   */
  public Mono<Long> reconcileRegistry() {
    return redis
        .<String, String>opsForHash()
        .scan(RedisKeys.USERS, ScanOptions.scanOptions().count(500).build())
        .filter(entry -> entry.getValue().contains(ONLINE_MARKER))
        .map(Map.Entry::getKey)
        .buffer(500)
        .concatMap(this::reconcile)
        .reduce(0L, Long::sum);
  }

  /**
   * Repairs registry entries of users shown online: one without sockets nor deadline (state lost)
   * is given one dead-connection timeout for a heartbeat; returns how many were.
   */
  Mono<Long> reconcile(List<String> onlineUsers) {
    List<String> args = new ArrayList<>(onlineUsers.size() + 1);
    args.add(millis(timing.deadConnectionTimeout()));
    args.addAll(onlineUsers);
    return redis
        .execute(RECONCILE, List.of(RedisKeys.USERS, PENDING, ONLINE), args)
        .collectList()
        .map(reply -> Long.parseLong(strings(reply).get(0)));
  }

  /** How many users are online. */
  public Mono<Long> onlineCount() {
    return redis.opsForSet().size(ONLINE);
  }

  /** Scripts answer with pairs: outcome, then the user's new entry as JSON or ''. */
  @SuppressWarnings("rawtypes")
  private Mono<List<Outcome>> outcomes(
      RedisScript<List> script, List<String> keys, List<String> args) {
    return redis
        .execute(script, keys, args)
        .collectList()
        .map(
            reply -> {
              List<String> parts = strings(reply);
              List<Outcome> outcomes = new ArrayList<>(parts.size() / 2);
              for (int i = 0; i + 1 < parts.size(); i += 2) {
                outcomes.add(outcome(parts.get(i), parts.get(i + 1)));
              }
              return outcomes;
            });
  }

  private static Outcome outcome(String result, String userJson) {
    User user =
        userJson.isEmpty()
            ? null
            : EventJson.read(userJson.getBytes(StandardCharsets.UTF_8), User.class);
    return new Outcome(result, user);
  }

  // The reactive executor may emit a multi-bulk reply as one list or element by element.
  private static List<String> strings(List<?> reply) {
    return reply.stream()
        .flatMap(item -> item instanceof List<?> list ? list.stream() : Stream.of(item))
        .map(String::valueOf)
        .toList();
  }

  private static java.time.Duration min(java.time.Duration a, java.time.Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static String millis(java.time.Duration duration) {
    return Long.toString(duration.toMillis());
  }

  @SuppressWarnings("rawtypes")
  private static RedisScript<List> script(String name) {
    return RedisScript.of(lua("prelude") + lua(name), List.class);
  }

  private static String lua(String name) {
    String path = "/presence/lua/" + name + ".lua";
    try (InputStream in = PresenceStore.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
