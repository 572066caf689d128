package chat.messaging.presence;

import chat.events.EventJson;
import chat.events.RedisKeys;
import chat.events.User;
import chat.messaging.metrics.CallTimer;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Reads the registry (Redis hash {@link RedisKeys#USERS}, kept by presence-service; never written
 * here). Unreadable entries are skipped.
 */
@Component
public class UserRegistry {

  private static final Logger log = LoggerFactory.getLogger(UserRegistry.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  private final ReactiveStringRedisTemplate redis;
  private final CallTimer timer;

  UserRegistry(ReactiveStringRedisTemplate redis, MeterRegistry registry) {
    this.redis = redis;
    this.timer = new CallTimer(registry, "chat.redis.latency", "Redis call latency");
  }

  /** Every user of the registry. */
  public Mono<List<User>> all() {
    return timer.time(
        "registry",
        redis
            .<String, String>opsForHash()
            .values(RedisKeys.USERS)
            .mapNotNull(UserRegistry::parse)
            .collectList()
            .timeout(TIMEOUT));
  }

  private static User parse(String json) {
    try {
      return EventJson.read(json.getBytes(StandardCharsets.UTF_8), User.class);
    } catch (RuntimeException e) {
      log.warn("skipped an unreadable registry entry");
      return null;
    }
  }
}
