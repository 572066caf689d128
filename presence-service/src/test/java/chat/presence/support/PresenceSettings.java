package chat.presence.support;

import chat.presence.PresenceApplication;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Properties of a presence replica under test: its own topics and consumer groups (named by a
 * prefix), short timings, no reconciliation (the shared Redis holds other modules' registry entries
 * too) unless a test asks for it.
 */
public final class PresenceSettings {

  public static final String GRACE = "1s";
  public static final String DEAD_TIMEOUT = "4s";

  private PresenceSettings() {}

  public static Map<String, Object> of(
      String prefix, String kafka, String redisHost, int redisPort) {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("spring.data.redis.host", redisHost);
    settings.put("spring.data.redis.port", redisPort);
    settings.put("chat.kafka.broker", kafka);
    settings.put("chat.kafka.connections-topic", prefix + "-connections");
    settings.put("chat.kafka.dead-letter-topic", prefix + "-connections-dlt");
    settings.put("chat.kafka.activity-topic", prefix + "-activity");
    settings.put("chat.kafka.group-id", prefix + "-presence");
    settings.put("chat.kafka.registration-group-id", prefix + "-registry");
    settings.put("chat.kafka.partitions", 6);
    settings.put("chat.kafka.commit-interval", "200ms");
    settings.put("chat.presence.grace-period", GRACE);
    settings.put("chat.presence.dead-connection-timeout", DEAD_TIMEOUT);
    settings.put("chat.presence.sweep-interval", "100ms");
    settings.put("chat.presence.reconcile-interval", "1h");
    return settings;
  }

  /** Starts a whole presence replica with {@code settings} on a random port. */
  public static ConfigurableApplicationContext start(Map<String, Object> settings) {
    Map<String, Object> all = new LinkedHashMap<>(settings);
    all.put("server.port", 0);
    // As command-line arguments: they take precedence over application.yml.
    String[] args =
        all.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
    return new SpringApplicationBuilder(PresenceApplication.class).run(args);
  }
}
