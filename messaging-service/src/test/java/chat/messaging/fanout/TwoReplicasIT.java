package chat.messaging.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import chat.events.EventJson;
import chat.events.PresenceChange;
import chat.events.RedisKeys;
import chat.events.User;
import chat.messaging.socketio.SocketListener;
import chat.messaging.testing.ChatClient;
import chat.messaging.testing.ChatTestApplication;
import chat.messaging.testing.InfrastructureTest;
import chat.messaging.testing.TestUsers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Two replicas (this test's application context and a second one) sharing MongoDB and Redis, with
 * sockets on each: room events cross replicas through Redis pub/sub.
 */
class TwoReplicasIT extends InfrastructureTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static ConfigurableApplicationContext replica2;

  @Autowired SocketListener replica1;
  @Autowired ReactiveMongoTemplate mongo;
  @Autowired ReactiveStringRedisTemplate redis;

  private final List<ChatClient> clients = new ArrayList<>();

  @BeforeAll
  static void startSecondReplica() {
    Map<String, Object> properties = new HashMap<>(infrastructureProperties());
    properties.put("server.port", 0);
    properties.put("chat.messaging.instance-id", "replica-2");
    // As command-line arguments: they outrank application.yml (default properties do not).
    String[] args =
        properties.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
    replica2 = new SpringApplicationBuilder(ChatTestApplication.class).run(args);
  }

  @AfterAll
  static void stopSecondReplica() {
    if (replica2 != null) {
      replica2.close();
    }
  }

  @AfterEach
  void disconnectAll() {
    clients.forEach(ChatClient::disconnect);
  }

  private SocketListener replica2() {
    return replica2.getBean(SocketListener.class);
  }

  private ChatClient connect(SocketListener replica, String userId) {
    ChatClient client = ChatClient.connect(replica, userId);
    clients.add(client);
    return client;
  }

  private static boolean inRoom(JsonNode event, String room) {
    return event.path("message").path("room").asString().equals(room);
  }

  @Test
  void aMessageStoredViaReplicaOneReachesASocketOnReplicaTwo() {
    ChatClient alice = connect(replica1, TestUsers.create(mongo, "alice"));
    ChatClient bob = connect(replica2(), TestUsers.create(mongo, "bob"));
    String text = "across " + UUID.randomUUID();

    JsonNode ack = alice.ack("sendMessage", "{\"room\":\"general\",\"content\":\"" + text + "\"}");

    JsonNode got =
        bob.awaitEvent(
            "newMessage", e -> e.path("message").path("content").asString().equals(text));
    assertThat(got.path("message").toString()).isEqualTo(ack.path("message").toString());
    assertThat(
            alice.events("newMessage").stream()
                .filter(e -> e.path("message").path("content").asString().equals(text)))
        .hasSize(1);
  }

  @Test
  void dmsAreRoutedByUserOnEveryReplicaAndOnlyToTheMembers() {
    String aliceId = TestUsers.create(mongo, "alice");
    String bobId = TestUsers.create(mongo, "bob");
    ChatClient alice = connect(replica1, aliceId);
    ChatClient bobOnTwo = connect(replica2(), bobId);
    ChatClient bobOnOne = connect(replica1, bobId);
    ChatClient carol = connect(replica2(), TestUsers.create(mongo, "carol"));
    String room = alice.startDm(bobId);

    alice.ack("sendMessage", "{\"room\":\"" + room + "\",\"content\":\"secret\"}");
    alice.ack("typing", "{\"room\":\"" + room + "\",\"isTyping\":true}");

    bobOnTwo.awaitEvent("newMessage", e -> inRoom(e, room));
    bobOnOne.awaitEvent("newMessage", e -> inRoom(e, room));
    bobOnTwo.awaitEvent("userTyping", e -> e.path("room").asString().equals(room));
    // Carol shares replica 2 with Bob; a later global message proves her socket was served.
    alice.ack("sendMessage", "{\"room\":\"general\",\"content\":\"marker " + room + "\"}");
    carol.awaitEvent(
        "newMessage", e -> e.path("message").path("content").asString().equals("marker " + room));
    assertThat(carol.events("newMessage")).noneMatch(e -> inRoom(e, room));
    assertThat(carol.events("userTyping")).noneMatch(e -> e.path("room").asString().equals(room));
  }

  @Test
  void aClientThatReconnectsToTheOtherReplicaCatchesUpWithoutGaps() {
    String aliceId = TestUsers.create(mongo, "alice");
    String bobId = TestUsers.create(mongo, "bob");
    ChatClient alice = connect(replica1, aliceId);
    String room = alice.startDm(bobId);
    ChatClient bob = connect(replica1, bobId);
    for (int i = 1; i <= 3; i++) {
      alice.ack("sendMessage", "{\"room\":\"" + room + "\",\"content\":\"m" + i + "\"}");
    }
    bob.awaitEvent(
        "newMessage", e -> inRoom(e, room) && e.path("message").path("seq").asLong() == 3);
    bob.disconnect();
    clients.remove(bob);

    for (int i = 4; i <= 8; i++) {
      alice.ack("sendMessage", "{\"room\":\"" + room + "\",\"content\":\"m" + i + "\"}");
    }
    ChatClient bobAgain = connect(replica2(), bobId);
    JsonNode joined = bobAgain.ack("joinChat", "{\"lastSeen\":{\"" + room + "\":3}}");

    List<Long> seqs = new ArrayList<>();
    joined.path("missed").path(room).forEach(m -> seqs.add(m.path("seq").asLong()));
    assertThat(seqs).containsExactly(4L, 5L, 6L, 7L, 8L);
  }

  @Test
  void presenceChangesReachSocketsOnEveryReplicaCoalesced() {
    ChatClient one = connect(replica1, TestUsers.create(mongo, "watcher"));
    ChatClient two = connect(replica2(), TestUsers.create(mongo, "watcher"));
    String dana = "dana_" + UUID.randomUUID().toString().substring(0, 8);
    String erin = "erin_" + UUID.randomUUID().toString().substring(0, 8);
    awaitPresenceRelayed(List.of(one, two));

    publish(new User(dana, User.Status.ONLINE, Instant.now()));
    publish(new User(erin, User.Status.ONLINE, Instant.now()));
    publish(new User(dana, User.Status.OFFLINE, Instant.parse("2026-11-28T06:00:00Z")));

    for (ChatClient c : List.of(one, two)) {
      c.awaitEvent("userJoined", e -> e.path("user").path("userId").asString().equals(dana));
      c.awaitEvent("userJoined", e -> e.path("user").path("userId").asString().equals(erin));
      JsonNode left = c.awaitEvent("userLeft", e -> e.path("userId").asString().equals(dana));
      assertThat(left.path("lastSeen").asString()).isEqualTo("2026-11-28T06:00:00Z");
      c.awaitEvent("presenceUpdate", e -> statusesIn(e, erin).equals(List.of("online")));
      // Dana's last update carries her latest status. (A flush tick may fall between the three
      // changes, so her online status may come in an earlier update of its own.)
      c.awaitEvent("presenceUpdate", e -> statusesIn(e, dana).equals(List.of("offline")));
      // Coalesced: no update lists a user twice.
      for (JsonNode update : c.events("presenceUpdate")) {
        assertThat(statusesIn(update, dana)).hasSizeLessThanOrEqualTo(1);
      }
    }
  }

  /** The statuses {@code userId} has in one presenceUpdate, in order. */
  private static List<String> statusesIn(JsonNode presenceUpdate, String userId) {
    List<String> statuses = new ArrayList<>();
    presenceUpdate
        .path("users")
        .forEach(
            u -> {
              if (u.path("userId").asString().equals(userId)) {
                statuses.add(u.path("status").asString());
              }
            });
    return statuses;
  }

  /**
   * Redis pub/sub drops what is published before a subscriber exists, and each replica subscribes
   * in the background after it starts: publish a probe until every client has seen it relayed.
   */
  private void awaitPresenceRelayed(List<ChatClient> watchers) {
    String probe = "probe_" + UUID.randomUUID().toString().substring(0, 8);
    Awaitility.await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              publish(new User(probe, User.Status.ONLINE, Instant.now()));
              return watchers.stream()
                  .allMatch(
                      c ->
                          c.events("userJoined").stream()
                              .anyMatch(
                                  e -> e.path("user").path("userId").asString().equals(probe)));
            });
  }

  private void publish(User user) {
    redis
        .convertAndSend(
            RedisKeys.PRESENCE_CHANGES,
            new String(EventJson.write(new PresenceChange(user)), StandardCharsets.UTF_8))
        .block(WAIT);
  }
}
