package chat.presence.registry;

import chat.events.EventJson;
import chat.events.RedisKeys;
import chat.events.User;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;

/**
 * The registry, Redis hash {@link RedisKeys#USERS}: every user ever seen, never deleted. Status
 * changes are made by the presence scripts; this class reads it and adds users not yet known.
 */
public final class UserRegistry {

  private final ReactiveStringRedisTemplate redis;

  public UserRegistry(ReactiveStringRedisTemplate redis) {
    this.redis = redis;
  }

  /** Every user, ordered by id; an entry that does not parse is left out. */
  public Mono<List<User>> all() {
    return redis
        .<String, String>opsForHash()
        .values(RedisKeys.USERS)
        .<User>handle(
            (json, sink) -> {
              try {
                sink.next(EventJson.read(json.getBytes(StandardCharsets.UTF_8), User.class));
              } catch (JacksonException e) {
                // Skipped rather than failing the whole listing; only presence writes this hash.
              }
            })
        .collectSortedList(Comparator.comparing(User::userId));
  }

  /**
   * Adds {@code userId} as offline, last seen {@code at}, unless the registry knows them already.
   *
   * @return whether the user was added
   */
  public Mono<Boolean> registerOffline(String userId, Instant at) {
    String json =
        new String(
            EventJson.write(new User(userId, User.Status.OFFLINE, at)), StandardCharsets.UTF_8);
    return redis.<String, String>opsForHash().putIfAbsent(RedisKeys.USERS, userId, json);
  }
}
