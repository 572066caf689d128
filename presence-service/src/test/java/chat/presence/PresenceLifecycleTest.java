package chat.presence;

import static chat.events.User.Status.OFFLINE;
import static chat.events.User.Status.ONLINE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.events.ConnectionEvent;
import chat.events.User;
import chat.presence.support.ConnectionEvents;
import chat.presence.support.PresenceChanges;
import chat.presence.support.PresenceSettings;
import chat.presence.support.TestNames;
import chat.presence.support.Warmup;
import chat.stack.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * The online/offline state machine end to end: events into the connections topic, transitions out
 * of the Redis channel, against a real Kafka and Redis. Grace period 1 s, dead-connection timeout 4
 * s.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class PresenceLifecycleTest {

  private static final String PREFIX = TestNames.prefix("lifecycle");
  private static final Duration GRACE = Duration.ofSeconds(1);
  private static final Duration DEAD_TIMEOUT = Duration.ofSeconds(4);
  private static final Duration PATIENCE = Duration.ofSeconds(45);

  private static ConnectionEvents events;
  private static PresenceChanges changes;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    var redis = TestInfrastructure.redis();
    PresenceSettings.of(
            PREFIX, TestInfrastructure.kafkaBootstrapServers(), redis.host(), redis.port())
        .forEach((name, value) -> registry.add(name, () -> value));
  }

  @BeforeAll
  static void clients() {
    var redis = TestInfrastructure.redis();
    events =
        new ConnectionEvents(TestInfrastructure.kafkaBootstrapServers(), PREFIX + "-connections");
    changes = new PresenceChanges(redis.host(), redis.port());
  }

  /**
   * The first events wait for the consumer group to form; once one went through, timings in the
   * tests are those of a running service.
   */
  @BeforeEach
  void consumerIsRunning() {
    Warmup.once(events, changes, PATIENCE);
  }

  @AfterAll
  static void closeClients() {
    events.close();
    changes.close();
  }

  @Test
  void firstConnectionBringsUserOnlineAndLastDisconnectTakesThemOfflineAfterGrace() {
    String alice = TestNames.user("alice");
    ConnectionEvent connected = events.connected(alice, "s1", "m1");
    await().atMost(PATIENCE).until(() -> changes.statusesOf(alice).equals(List.of(ONLINE)));
    assertThat(changes.of(alice).get(0).lastSeen())
        .isEqualTo(connected.timestamp().truncatedTo(ChronoUnit.MILLIS));

    ConnectionEvent disconnected = events.disconnected(alice, "s1", "m1");
    await().atMost(PATIENCE).until(() -> changes.statusesOf(alice).size() == 2);
    User offline = changes.of(alice).get(1);
    assertThat(offline.status()).isEqualTo(OFFLINE);
    assertThat(offline.lastSeen())
        .isEqualTo(disconnected.timestamp().truncatedTo(ChronoUnit.MILLIS));
    assertThat(Duration.between(disconnected.timestamp(), Instant.now())).isGreaterThan(GRACE);
  }

  @Test
  void userWithSeveralTabsStaysOnlineUntilTheLastTabCloses() {
    String bob = TestNames.user("bob");
    events.connected(bob, "tab1", "m1");
    events.connected(bob, "tab2", "m1");
    events.disconnected(bob, "tab1", "m1");

    await()
        .during(GRACE.multipliedBy(3))
        .atMost(PATIENCE)
        .until(() -> changes.statusesOf(bob).equals(List.of(ONLINE)));

    events.disconnected(bob, "tab2", "m1");
    await().atMost(PATIENCE).until(() -> changes.statusesOf(bob).equals(List.of(ONLINE, OFFLINE)));
  }

  @Test
  void reloadWithinTheGracePeriodDoesNotFlap() {
    String carol = TestNames.user("carol");
    events.connected(carol, "before-reload", "m1");
    events.disconnected(carol, "before-reload", "m1");
    events.connected(carol, "after-reload", "m1");

    await()
        .during(GRACE.multipliedBy(3))
        .atMost(PATIENCE)
        .until(() -> changes.statusesOf(carol).equals(List.of(ONLINE)));
  }

  @Test
  void socketsOnTwoMessagingReplicasCountTogether() {
    String dave = TestNames.user("dave");
    events.connected(dave, "phone", "m1");
    events.connected(dave, "laptop", "m2");
    events.disconnected(dave, "phone", "m1");

    await()
        .during(GRACE.multipliedBy(3))
        .atMost(PATIENCE)
        .until(() -> changes.statusesOf(dave).equals(List.of(ONLINE)));

    events.disconnected(dave, "laptop", "m2");
    await().atMost(PATIENCE).until(() -> changes.statusesOf(dave).equals(List.of(ONLINE, OFFLINE)));
  }

  @Test
  void socketsOfADeadMessagingReplicaExpireUnlessTheUserIsConnectedElsewhere() {
    String erin = TestNames.user("erin");
    String frank = TestNames.user("frank");
    ConnectionEvent erinConnected = events.connected(erin, "e1", "dying");
    events.connected(frank, "f1", "dying");
    events.connected(frank, "f2", "alive");
    // Only the live replica keeps sending heartbeats.
    Disposable heartbeats =
        Flux.interval(Duration.ofMillis(500))
            .subscribe(tick -> events.heartbeat(frank, "f2", "alive"));
    try {
      Instant start = Instant.now();
      await()
          .atMost(PATIENCE)
          .until(() -> changes.statusesOf(erin).equals(List.of(ONLINE, OFFLINE)));
      assertThat(Duration.between(start, Instant.now())).isLessThan(DEAD_TIMEOUT.plusSeconds(10));
      assertThat(changes.of(erin).get(1).lastSeen())
          .isEqualTo(erinConnected.timestamp().truncatedTo(ChronoUnit.MILLIS));

      await()
          .during(DEAD_TIMEOUT.plusSeconds(1))
          .atMost(PATIENCE)
          .until(() -> changes.statusesOf(frank).equals(List.of(ONLINE)));
    } finally {
      heartbeats.dispose();
    }
  }

  @Test
  void duplicateEventsChangeNothing() {
    String gina = TestNames.user("gina");
    Instant t0 = Instant.now();
    for (int i = 0; i < 3; i++) {
      events.send(ConnectionEvent.Type.CONNECTED, gina, "g1", "m1", t0);
    }
    Instant t1 = t0.plusMillis(50);
    for (int i = 0; i < 3; i++) {
      events.send(ConnectionEvent.Type.DISCONNECTED, gina, "g1", "m1", t1);
    }
    await().atMost(PATIENCE).until(() -> changes.statusesOf(gina).equals(List.of(ONLINE, OFFLINE)));
    await()
        .during(GRACE.multipliedBy(2))
        .atMost(PATIENCE)
        .until(() -> changes.statusesOf(gina).size() == 2);
  }

  @Test
  void staleDisconnectDoesNotOverrideANewerConnect() {
    String hank = TestNames.user("hank");
    Instant now = Instant.now();
    events.send(ConnectionEvent.Type.CONNECTED, hank, "h1", "m1", now);
    // Late: stamped before the connect it arrives after.
    events.send(ConnectionEvent.Type.DISCONNECTED, hank, "h1", "m1", now.minusMillis(100));

    await()
        .during(GRACE.multipliedBy(3))
        .atMost(PATIENCE)
        .until(() -> changes.statusesOf(hank).equals(List.of(ONLINE)));
  }

  @Test
  void lateHeartbeatOrConnectDoesNotReviveAClosedSocket() {
    String ivy = TestNames.user("ivy");
    Instant now = Instant.now();
    events.send(ConnectionEvent.Type.CONNECTED, ivy, "i1", "m1", now);
    events.send(ConnectionEvent.Type.DISCONNECTED, ivy, "i1", "m1", now.plusMillis(20));
    await().atMost(PATIENCE).until(() -> changes.statusesOf(ivy).equals(List.of(ONLINE, OFFLINE)));

    events.send(ConnectionEvent.Type.HEARTBEAT, ivy, "i1", "m1", now.plusMillis(10));
    events.send(ConnectionEvent.Type.CONNECTED, ivy, "i1", "m1", now);
    // A disconnect that overtook its connect: the socket never counts as open.
    String jack = TestNames.user("jack");
    events.send(ConnectionEvent.Type.DISCONNECTED, jack, "j1", "m1", now.plusMillis(20));
    events.send(ConnectionEvent.Type.CONNECTED, jack, "j1", "m1", now);

    await()
        .during(GRACE.multipliedBy(3))
        .atMost(PATIENCE)
        .until(
            () ->
                changes.statusesOf(ivy).equals(List.of(ONLINE, OFFLINE))
                    && changes.statusesOf(jack).isEmpty());
  }
}
