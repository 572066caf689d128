package chat.presence;

import static chat.events.User.Status.OFFLINE;
import static chat.events.User.Status.ONLINE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.events.EventJson;
import chat.events.RedisKeys;
import chat.events.User;
import chat.presence.support.ConnectionEvents;
import chat.presence.support.PresenceChanges;
import chat.presence.support.PresenceSettings;
import chat.presence.support.TestNames;
import chat.presence.support.Warmup;
import chat.stack.TestInfrastructure;
import chat.stack.redis.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * Redis goes away: a private, persistent Redis is restarted under a running replica, or loses its
 * presence state. Heartbeats every 500 ms stand in for a live messaging replica.
 */
class RedisRestartTest {

  private static final String PREFIX = TestNames.prefix("restart");
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private static RedisServer redis;
  private static ConfigurableApplicationContext presence;
  private static ConnectionEvents events;
  private static RedisClient client;
  private static StatefulRedisConnection<String, String> connection;

  private PresenceChanges changes;
  private Disposable heartbeats;

  @BeforeAll
  static void privateRedisAndReplica() {
    redis = TestInfrastructure.privateRedis();
    Map<String, Object> settings =
        PresenceSettings.of(
            PREFIX, TestInfrastructure.kafkaBootstrapServers(), redis.host(), redis.port());
    // Only this replica uses this Redis: reconciliation may run, and often.
    settings.put("chat.presence.reconcile-interval", "1s");
    settings.put("spring.data.redis.timeout", "2s");
    presence = PresenceSettings.start(settings);
    events =
        new ConnectionEvents(TestInfrastructure.kafkaBootstrapServers(), PREFIX + "-connections");
    client = RedisClient.create(RedisURI.create(redis.host(), redis.port()));
    connection = client.connect();
  }

  @BeforeEach
  void subscribe() {
    changes = new PresenceChanges(redis.host(), redis.port());
    Warmup.once(events, changes, PATIENCE);
  }

  @AfterEach
  void unsubscribe() {
    if (heartbeats != null) {
      heartbeats.dispose();
    }
    changes.close();
  }

  @AfterAll
  static void stop() {
    events.close();
    presence.close();
    connection.close();
    client.shutdown();
    redis.close();
  }

  @Test
  void restartKeepsTheRegistryAndProcessingResumes() {
    String pat = TestNames.user("pat");
    String quinn = TestNames.user("quinn");
    events.connected(pat, "p1", "m1");
    heartbeats = keepAlive(pat, "p1");
    await().atMost(PATIENCE).until(() -> changes.statusesOf(pat).equals(List.of(ONLINE)));

    redis.stop();
    events.connected(quinn, "q1", "m1");
    redis.start();

    await().atMost(PATIENCE).until(() -> status(quinn) == ONLINE);
    assertThat(status(pat)).isEqualTo(ONLINE);
  }

  @Test
  void lostStateIsRebuiltFromHeartbeats() {
    String rita = TestNames.user("rita");
    events.connected(rita, "r1", "m1");
    heartbeats = keepAlive(rita, "r1");
    await().atMost(PATIENCE).until(() -> status(rita) == ONLINE);

    connection.sync().flushall();

    await().atMost(Duration.ofSeconds(30)).until(() -> status(rita) == ONLINE);
  }

  @Test
  void userLeftOnlineByLostStateGoesOfflineWithoutHeartbeats() {
    String sam = TestNames.user("sam");
    events.connected(sam, "s1", "m1");
    await().atMost(PATIENCE).until(() -> status(sam) == ONLINE);

    // The registry survived but the socket state did not (e.g. restored from an older snapshot).
    connection.sync().del("presence:conn:{" + sam + "}", "presence:liveness");

    await().atMost(Duration.ofSeconds(30)).until(() -> status(sam) == OFFLINE);
    assertThat(changes.statusesOf(sam)).endsWith(OFFLINE);
  }

  private Disposable keepAlive(String user, String socket) {
    return Flux.interval(Duration.ofMillis(500))
        .subscribe(tick -> events.heartbeat(user, socket, "m1"));
  }

  private static User.Status status(String user) {
    try {
      String json = connection.sync().hget(RedisKeys.USERS, user);
      return json == null
          ? null
          : EventJson.read(json.getBytes(StandardCharsets.UTF_8), User.class).status();
    } catch (RuntimeException redisDown) {
      return null;
    }
  }
}
