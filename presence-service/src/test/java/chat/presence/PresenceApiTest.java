package chat.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.events.ActivityEvent;
import chat.events.ActivityType;
import chat.events.EventJson;
import chat.events.User;
import chat.events.auth.JwtTokens;
import chat.presence.support.ConnectionEvents;
import chat.presence.support.PresenceChanges;
import chat.presence.support.PresenceSettings;
import chat.presence.support.TestNames;
import chat.presence.support.Warmup;
import chat.stack.TestInfrastructure;
import chat.stack.TopicReader;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The edges of the service against a real Kafka and Redis: the read API and its authentication,
 * activity events, registration events, bad input.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class PresenceApiTest {

  private static final String PREFIX = TestNames.prefix("api");
  private static final Duration PATIENCE = Duration.ofSeconds(45);

  private static ConnectionEvents events;
  private static PresenceChanges changes;

  @LocalServerPort int port;
  @Autowired JwtTokens tokens;
  @Autowired MeterRegistry meters;

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

  @BeforeEach
  void consumerIsRunning() {
    Warmup.once(events, changes, PATIENCE);
  }

  @AfterAll
  static void closeClients() {
    events.close();
    changes.close();
  }

  private WebTestClient http() {
    return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
  }

  @Test
  void registryRequiresABearerToken() {
    http()
        .get()
        .uri("/api/presence")
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectBody()
        .jsonPath("$.error.code")
        .isEqualTo("unauthorized");
    http()
        .get()
        .uri("/api/presence")
        .header("Authorization", "Bearer not-a-token")
        .exchange()
        .expectStatus()
        .isUnauthorized();
  }

  @Test
  void registryListsOnlineAndOfflineUsers() {
    String kim = TestNames.user("kim");
    String lou = TestNames.user("lou");
    events.connected(kim, "k1", "m1");
    events.connected(lou, "l1", "m1");
    events.disconnected(lou, "l1", "m1");
    await().atMost(PATIENCE).until(() -> changes.statusesOf(lou).contains(User.Status.OFFLINE));

    String token = tokens.issue("reader", Set.of(), Duration.ofMinutes(5));
    List<User> users =
        http()
            .get()
            .uri("/api/presence")
            .header("Authorization", "Bearer " + token)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBodyList(User.class)
            .returnResult()
            .getResponseBody();
    assertThat(users).extracting(User::userId).contains(kim, lou);
    assertThat(users)
        .filteredOn(u -> u.userId().equals(kim))
        .first()
        .extracting(User::status)
        .isEqualTo(User.Status.ONLINE);
    assertThat(users)
        .filteredOn(u -> u.userId().equals(lou))
        .first()
        .extracting(User::status)
        .isEqualTo(User.Status.OFFLINE);
  }

  @Test
  void unknownPathsAnswerWithTheErrorShape() {
    String token = tokens.issue("reader", Set.of(), Duration.ofMinutes(5));
    http()
        .get()
        .uri("/api/nothing-here")
        .header("Authorization", "Bearer " + token)
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectBody()
        .jsonPath("$.error.code")
        .isEqualTo("not_found");
  }

  @Test
  void transitionsAreLoggedAsActivity() {
    String max = TestNames.user("max");
    events.connected(max, "x1", "m1");
    events.disconnected(max, "x1", "m1");
    try (TopicReader activity =
        new TopicReader(TestInfrastructure.kafkaBootstrapServers(), PREFIX + "-activity")) {
      await()
          .atMost(PATIENCE)
          .until(() -> statuses(activity.poll(), max).equals(List.of("online", "offline")));
    }
  }

  @Test
  void registeredUserAppearsOfflineBeforeConnecting() {
    String nat = TestNames.user("nat");
    Instant registeredAt = Instant.parse("2026-01-02T03:04:05Z");
    try (ConnectionEvents activity =
        new ConnectionEvents(TestInfrastructure.kafkaBootstrapServers(), PREFIX + "-activity")) {
      activity.raw(
          nat,
          EventJson.write(
              ActivityEvent.of(
                  ActivityType.USER_REGISTERED,
                  registeredAt,
                  nat,
                  null,
                  "m1",
                  java.util.Map.of())));
    }
    String token = tokens.issue("reader", Set.of(), Duration.ofMinutes(5));
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(
                        http()
                            .get()
                            .uri("/api/presence")
                            .header("Authorization", "Bearer " + token)
                            .exchange()
                            .expectBodyList(User.class)
                            .returnResult()
                            .getResponseBody())
                    .contains(new User(nat, User.Status.OFFLINE, registeredAt)));
  }

  @Test
  void unparseableEventsAreCountedDeadLetteredAndSkipped() {
    double invalidBefore = invalidCount();
    events.raw("garbage", "not json at all".getBytes(StandardCharsets.UTF_8));
    events.raw(
        "bogus", "{\"type\":\"exploded\",\"userId\":\"bogus\"}".getBytes(StandardCharsets.UTF_8));
    events.raw(
        "nouser",
        "{\"type\":\"connected\",\"connectionId\":\"c\",\"timestamp\":\"2026-01-01T00:00:00Z\"}"
            .getBytes(StandardCharsets.UTF_8));
    String olga = TestNames.user("olga");
    events.connected(olga, "o1", "m1");

    await().atMost(PATIENCE).until(() -> changes.statusesOf(olga).contains(User.Status.ONLINE));
    await().atMost(PATIENCE).until(() -> invalidCount() - invalidBefore >= 3);
    try (TopicReader dlt =
        new TopicReader(TestInfrastructure.kafkaBootstrapServers(), PREFIX + "-connections-dlt")) {
      await()
          .atMost(PATIENCE)
          .until(
              () ->
                  dlt.poll().stream()
                      .map(ConsumerRecord::key)
                      .toList()
                      .containsAll(List.of("garbage", "bogus", "nouser")));
    }
  }

  private double invalidCount() {
    return meters.get("chat.presence.events.invalid").counter().count();
  }

  private static List<String> statuses(List<ConsumerRecord<String, byte[]>> records, String user) {
    return records.stream()
        .filter(record -> user.equals(record.key()))
        .map(record -> EventJson.read(record.value(), ActivityEvent.class))
        .filter(event -> ActivityType.PRESENCE_CHANGED.equals(event.eventType()))
        .map(event -> String.valueOf(event.data().get("status")))
        .toList();
  }
}
