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
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The connection state of every user, in Redis, changed only by atomic Lua scripts so that any
 * number of presence replicas can process events and deadlines concurrently.
 *
 * <p>Keys, besides the registry hash {@link RedisKeys#USERS}: {@code presence:conn:{user}} (open
 * sockets, id to last event time), {@code presence:closed:{user}} (recently closed sockets, id to
 * close time), {@code presence:liveness} ({@code user|socket} to heartbeat deadline), {@code
 * presence:pending} (user to offline deadline) and {@code presence:online} (set of online users).
 * The scripts compute per-user key names passed in KEYS, but the global sorted sets make this a
 * single-instance (non-Cluster) Redis design.
 */
public final class PresenceStore {

  static final String LIVENESS = "presence:liveness";
  static final String PENDING = "presence:pending";
  static final String ONLINE = "presence:online";

  @SuppressWarnings("rawtypes")
  private static final RedisScript<List> EVENT = script("event");

  @SuppressWarnings("rawtypes")
  private static final RedisScript<List> EXPIRE = script("expire");

  @SuppressWarnings("rawtypes")
  private static final RedisScript<List> OFFLINE = script("offline");

  @SuppressWarnings("rawtypes")
  private static final RedisScript<List> DUE = script("due");

  @SuppressWarnings("rawtypes")
  private static final RedisScript<List> RECONCILE = script("reconcile");

  private final ReactiveStringRedisTemplate redis;
  private final PresenceProperties.Presence timing;

  public PresenceStore(ReactiveStringRedisTemplate redis, PresenceProperties.Presence timing) {
    this.redis = redis;
    this.timing = timing;
  }

  /** Applies one well-formed event (valid user id, non-blank connection id, timestamp). */
  public Mono<Outcome> apply(ConnectionEvent event) {
    String user = event.userId();
    return run(
        EVENT,
        List.of(RedisKeys.USERS, conn(user), closed(user), LIVENESS, PENDING, ONLINE),
        List.of(
            event.type().name().toLowerCase(Locale.ROOT),
            user,
            event.connectionId(),
            Long.toString(event.timestamp().toEpochMilli()),
            Long.toString(timing.gracePeriod().toMillis()),
            Long.toString(timing.deadConnectionTimeout().toMillis()),
            Long.toString(timing.closedRetention().toMillis()),
            RedisKeys.PRESENCE_CHANGES));
  }

  /** Users whose grace period has passed, as of the Redis clock. */
  public Flux<String> dueOffline() {
    return due(PENDING);
  }

  /** Sockets ({@code user|socket}) whose heartbeat deadline has passed, as of the Redis clock. */
  public Flux<String> dueExpired() {
    return due(LIVENESS);
  }

  /** Marks {@code user} offline if their grace period has passed and no socket came back. */
  public Mono<Outcome> claimOffline(String user) {
    return run(
        OFFLINE,
        List.of(RedisKeys.USERS, conn(user), closed(user), PENDING, ONLINE),
        List.of(user, RedisKeys.PRESENCE_CHANGES));
  }

  /** Closes the socket {@code member} ({@code user|socket}) if it is still past its deadline. */
  public Mono<Outcome> expire(String member) {
    int bar = member.indexOf('|');
    if (bar < 0) {
      return Mono.just(new Outcome("ignored", null));
    }
    String user = member.substring(0, bar);
    return run(
        EXPIRE,
        List.of(RedisKeys.USERS, conn(user), closed(user), LIVENESS, PENDING, ONLINE),
        List.of(
            user,
            member.substring(bar + 1),
            Long.toString(timing.closedRetention().toMillis()),
            RedisKeys.PRESENCE_CHANGES));
  }

  /**
   * Repairs one registry entry: an online user without sockets nor deadline (state lost) is given
   * one dead-connection timeout for a heartbeat; keeps the online set in line with the registry.
   */
  public Mono<Outcome> reconcile(String user) {
    return run(
        RECONCILE,
        List.of(RedisKeys.USERS, conn(user), PENDING, ONLINE),
        List.of(user, Long.toString(timing.deadConnectionTimeout().toMillis())));
  }

  /** How many users are online. */
  public Mono<Long> onlineCount() {
    return redis.opsForSet().size(ONLINE);
  }

  private Flux<String> due(String key) {
    return redis
        .execute(DUE, List.of(key), List.of(Integer.toString(timing.sweepBatch())))
        .collectList()
        .flatMapIterable(PresenceStore::strings);
  }

  @SuppressWarnings("rawtypes")
  private Mono<Outcome> run(RedisScript<List> script, List<String> keys, List<String> args) {
    return redis.execute(script, keys, args).collectList().map(PresenceStore::outcome);
  }

  private static Outcome outcome(List<?> reply) {
    List<String> parts = strings(reply);
    String result = parts.isEmpty() ? "ignored" : parts.get(0);
    User user =
        parts.size() > 1
            ? EventJson.read(parts.get(1).getBytes(StandardCharsets.UTF_8), User.class)
            : null;
    return new Outcome(result, user);
  }

  // The reactive executor may emit a multi-bulk reply as one list or element by element.
  private static List<String> strings(List<?> reply) {
    return reply.stream()
        .flatMap(item -> item instanceof List<?> list ? list.stream() : Stream.of(item))
        .map(String::valueOf)
        .toList();
  }

  // The {user} hash tag keeps one user's keys in one slot, should the layout ever move to Cluster.
  static String conn(String user) {
    return "presence:conn:{" + user + "}";
  }

  static String closed(String user) {
    return "presence:closed:{" + user + "}";
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
