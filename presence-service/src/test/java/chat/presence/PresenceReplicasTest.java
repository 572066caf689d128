package chat.presence;

import static chat.events.User.Status.OFFLINE;
import static chat.events.User.Status.ONLINE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.presence.support.ConnectionEvents;
import chat.presence.support.PresenceChanges;
import chat.presence.support.PresenceSettings;
import chat.presence.support.TestNames;
import chat.presence.support.Warmup;
import chat.stack.TestInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Several presence replicas (whole application contexts) on one consumer group and one Redis. */
class PresenceReplicasTest {

  private static final String PREFIX = TestNames.prefix("replicas");
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private static ConfigurableApplicationContext first;
  private static ConfigurableApplicationContext second;
  private static ConnectionEvents events;
  private static PresenceChanges changes;

  @BeforeAll
  static void twoReplicas() {
    var redis = TestInfrastructure.redis();
    Map<String, Object> settings =
        PresenceSettings.of(
            PREFIX, TestInfrastructure.kafkaBootstrapServers(), redis.host(), redis.port());
    first = PresenceSettings.start(settings);
    second = PresenceSettings.start(settings);
    events =
        new ConnectionEvents(TestInfrastructure.kafkaBootstrapServers(), PREFIX + "-connections");
    changes = new PresenceChanges(redis.host(), redis.port());
    Warmup.once(events, changes, PATIENCE);
  }

  @AfterAll
  static void stop() {
    events.close();
    changes.close();
    first.close();
    second.close();
  }

  @Test
  void eachTransitionIsPublishedExactlyOnce() {
    List<String> users = IntStream.range(0, 40).mapToObj(i -> TestNames.user("rep" + i)).toList();
    for (String user : users) {
      events.connected(user, "a", "m1");
      events.connected(user, "b", "m2");
    }
    for (String user : users) {
      events.disconnected(user, "a", "m1");
      events.disconnected(user, "b", "m2");
    }

    await()
        .atMost(PATIENCE)
        .until(() -> users.stream().allMatch(u -> changes.statusesOf(u).contains(OFFLINE)));
    // Give duplicates, if any, every chance to show up.
    await()
        .during(Duration.ofSeconds(3))
        .atMost(PATIENCE)
        .until(
            () ->
                users.stream()
                    .allMatch(u -> changes.statusesOf(u).equals(List.of(ONLINE, OFFLINE))));
  }

  @Test
  void gracePeriodStartedByAReplicaThatDiesIsCompletedByAnother() {
    // A third replica reads its own topic: it alone processes this user's events, then dies
    // during the grace period; the deadline it left in Redis is claimed by the other replicas.
    var redis = TestInfrastructure.redis();
    String prefix = TestNames.prefix("doomed");
    Map<String, Object> settings =
        PresenceSettings.of(
            prefix, TestInfrastructure.kafkaBootstrapServers(), redis.host(), redis.port());
    settings.put("chat.presence.grace-period", "3s");
    ConfigurableApplicationContext doomed = PresenceSettings.start(settings);
    String user = TestNames.user("orphan");
    try (ConnectionEvents own =
        new ConnectionEvents(TestInfrastructure.kafkaBootstrapServers(), prefix + "-connections")) {
      Warmup.once(own, changes, PATIENCE);
      own.connected(user, "p1", "m1");
      await().atMost(PATIENCE).until(() -> changes.statusesOf(user).equals(List.of(ONLINE)));
      own.disconnected(user, "p1", "m1");
      StringRedisTemplate template =
          new StringRedisTemplate(first.getBean(LettuceConnectionFactory.class));
      await()
          .atMost(PATIENCE)
          .pollInterval(Duration.ofMillis(50))
          .until(() -> template.opsForZSet().score("presence:pending", user) != null);
    } finally {
      doomed.close();
    }
    await().atMost(PATIENCE).until(() -> changes.statusesOf(user).equals(List.of(ONLINE, OFFLINE)));
    assertThat(doomed.isActive()).isFalse();
  }
}
