package chat.messaging.chat;

import static org.assertj.core.api.Assertions.assertThat;

import chat.events.EventJson;
import chat.events.RedisKeys;
import chat.events.User;
import chat.messaging.socketio.SocketListener;
import chat.messaging.testing.ChatClient;
import chat.messaging.testing.InfrastructureTest;
import chat.messaging.testing.TestUsers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import tools.jackson.databind.JsonNode;

/** Every client event of the contract, through the chat layer, on real MongoDB and Redis. */
class ChatFlowIT extends InfrastructureTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @Autowired SocketListener listener;
  @Autowired ReactiveMongoTemplate mongo;
  @Autowired ReactiveStringRedisTemplate redis;

  private final List<ChatClient> clients = new ArrayList<>();

  @AfterEach
  void disconnectAll() {
    clients.forEach(ChatClient::disconnect);
  }

  private ChatClient connect(String userId) {
    ChatClient client = ChatClient.connect(listener, userId);
    clients.add(client);
    return client;
  }

  private static String code(JsonNode ack) {
    assertThat(ack.path("ok").asBoolean(true)).as(ack.toString()).isFalse();
    return ack.path("error").path("code").asString();
  }

  private static void assertOk(JsonNode ack) {
    assertThat(ack.path("ok").asBoolean()).as(ack.toString()).isTrue();
  }

  @Test
  void aMessageIsAckedWithItsSeqAndReachesEverySocketIncludingTheSenders() {
    String aliceId = TestUsers.create(mongo, "alice");
    ChatClient alice = connect(aliceId);
    ChatClient aliceTab2 = connect(aliceId);
    ChatClient bob = connect(TestUsers.create(mongo, "bob"));
    String text = "hello " + UUID.randomUUID();

    JsonNode ack =
        alice.ack("sendMessage", "{\"room\":\"general\",\"content\":\"  " + text + "  \"}");

    assertOk(ack);
    JsonNode message = ack.path("message");
    assertThat(message.path("content").asString()).isEqualTo(text);
    assertThat(message.path("room").asString()).isEqualTo("general");
    assertThat(message.path("seq").asLong()).isPositive();
    assertThat(message.path("id").isString()).isTrue();
    assertThat(Instant.parse(message.path("timestamp").asString())).isNotNull();
    for (ChatClient c : List.of(alice, aliceTab2, bob)) {
      JsonNode got =
          c.awaitEvent(
              "newMessage", e -> e.path("message").path("content").asString().equals(text));
      assertThat(got.path("message").toString()).isEqualTo(message.toString());
    }
  }

  @Test
  void badInputIsRefusedWithTheContractCodesWithoutDisconnecting() {
    ChatClient alice = connect(TestUsers.create(mongo, "alice"));
    String dmOfOthers = "dm:" + "xbob_" + "1:" + "ycarol_1";

    assertThat(code(alice.ack("sendMessage", "{\"room\":\"general\",\"content\":\"   \"}")))
        .isEqualTo("bad_request");
    assertThat(
            code(
                alice.ack(
                    "sendMessage",
                    "{\"room\":\"general\",\"content\":\"" + "x".repeat(4001) + "\"}")))
        .isEqualTo("too_large");
    assertThat(code(alice.ack("sendMessage", "{\"room\":\"nowhere\",\"content\":\"hi\"}")))
        .isEqualTo("not_found");
    assertThat(
            code(alice.ack("sendMessage", "{\"room\":\"" + dmOfOthers + "\",\"content\":\"hi\"}")))
        .isEqualTo("forbidden");
    assertThat(code(alice.ack("sendMessage", "{\"room\":7,\"content\":\"hi\"}")))
        .isEqualTo("bad_request");
    assertThat(code(alice.ack("sendMessage", "\"hi\""))).isEqualTo("bad_request");
    assertThat(code(alice.ack("sendMessage", null))).isEqualTo("bad_request");
    assertThat(code(alice.ack("fly", "{}"))).isEqualTo("bad_request");
    assertThat(code(alice.ack("typing", "{\"room\":\"general\"}"))).isEqualTo("bad_request");
    assertThat(code(alice.ack("loadHistory", "{\"room\":\"general\",\"limit\":500}")))
        .isEqualTo("bad_request");

    assertOk(alice.ack("sendMessage", "{\"room\":\"general\",\"content\":\"still here\"}"));
  }

  @Test
  void aSocketPastItsMessageRateIsRateLimited() {
    ChatClient alice = connect(TestUsers.create(mongo, "alice"));
    List<String> burst = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      burst.add("{\"room\":\"general\",\"content\":\"burst " + i + "\"}");
    }

    List<JsonNode> acks = alice.ackAll("sendMessage", burst);

    List<JsonNode> refused = acks.stream().filter(a -> !a.path("ok").asBoolean()).toList();
    assertThat(refused).allSatisfy(a -> assertThat(code(a)).isEqualTo("rate_limited"));
    // A burst of 40 is allowed, plus what refills (20/s) while the 60 are dispatched.
    assertThat(acks.size() - refused.size()).isBetween(40, 45);
    assertOk(
        connect(TestUsers.create(mongo, "bob"))
            .ack("sendMessage", "{\"room\":\"general\",\"content\":\"x\"}"));
  }

  @Test
  void aDmReachesOnlyItsTwoMembersEvenIfTheRecipientNeverStartedIt() {
    String aliceId = TestUsers.create(mongo, "alice");
    String bobId = TestUsers.create(mongo, "bob");
    ChatClient alice = connect(aliceId);
    ChatClient bob = connect(bobId);
    ChatClient carol = connect(TestUsers.create(mongo, "carol"));

    JsonNode started = alice.ack("startDM", "{\"recipientId\":\"" + bobId.toUpperCase() + "\"}");
    assertOk(started);
    String room = started.path("room").path("id").asString();
    List<String> keys =
        List.of(aliceId.toLowerCase(), bobId.toLowerCase()).stream().sorted().toList();
    assertThat(room).isEqualTo("dm:" + keys.get(0) + ":" + keys.get(1));
    assertThat(started.path("room").path("type").asString()).isEqualTo("dm");
    assertThat(started.path("room").path("members")).hasSize(2);
    assertThat(started.path("messages")).isEmpty();

    assertOk(alice.ack("sendMessage", "{\"room\":\"" + room + "\",\"content\":\"psst\"}"));

    bob.awaitEvent("newMessage", e -> e.path("message").path("room").asString().equals(room));
    alice.awaitEvent("newMessage", e -> e.path("message").path("room").asString().equals(room));
    assertThat(carol.events("newMessage"))
        .noneMatch(e -> e.path("message").path("room").asString().equals(room));

    assertThat(code(carol.ack("loadHistory", "{\"room\":\"" + room + "\"}")))
        .isEqualTo("forbidden");
    assertThat(code(carol.ack("sendMessage", "{\"room\":\"" + room + "\",\"content\":\"hi\"}")))
        .isEqualTo("forbidden");
    JsonNode history = bob.ack("loadHistory", "{\"room\":\"" + room + "\"}");
    assertOk(history);
    assertThat(history.path("messages").get(0).path("content").asString()).isEqualTo("psst");

    JsonNode again = bob.ack("startDM", "{\"recipientId\":\"" + aliceId + "\"}");
    assertThat(again.path("room").path("id").asString()).isEqualTo(room);
    assertThat(again.path("messages")).hasSize(1);
  }

  @Test
  void startDmNeedsAnotherExistingUser() {
    String aliceId = TestUsers.create(mongo, "alice");
    ChatClient alice = connect(aliceId);
    assertThat(code(alice.ack("startDM", "{\"recipientId\":\"nobody_here_123\"}")))
        .isEqualTo("not_found");
    assertThat(code(alice.ack("startDM", "{\"recipientId\":\"" + aliceId + "\"}")))
        .isEqualTo("bad_request");
    assertThat(code(alice.ack("startDM", "{\"recipientId\":\"no:colons\"}")))
        .isEqualTo("bad_request");
  }

  @Test
  void historyPagesBackwardsWithHasMore() {
    String aliceId = TestUsers.create(mongo, "alice");
    String bobId = TestUsers.create(mongo, "bob");
    ChatClient alice = connect(aliceId);
    String room = alice.startDm(bobId);
    for (int i = 1; i <= 7; i++) {
      assertOk(alice.ack("sendMessage", "{\"room\":\"" + room + "\",\"content\":\"m" + i + "\"}"));
    }
    JsonNode page = alice.ack("loadHistory", "{\"room\":\"" + room + "\",\"limit\":3}");
    assertThat(seqs(page)).containsExactly(5L, 6L, 7L);
    assertThat(page.path("hasMore").asBoolean()).isTrue();
    page = alice.ack("loadHistory", "{\"room\":\"" + room + "\",\"limit\":3,\"beforeSeq\":2}");
    assertThat(seqs(page)).containsExactly(1L);
    assertThat(page.path("hasMore").asBoolean()).isFalse();
  }

  private static List<Long> seqs(JsonNode ack) {
    return seqsOf(ack.path("messages"));
  }

  private static List<Long> seqsOf(JsonNode messages) {
    List<Long> seqs = new ArrayList<>();
    messages.forEach(m -> seqs.add(m.path("seq").asLong()));
    return seqs;
  }

  @Test
  void joinChatReturnsTheRegistryMyRoomsAndWhatIMissed() {
    String aliceId = TestUsers.create(mongo, "alice");
    String bobId = TestUsers.create(mongo, "bob");
    redis
        .opsForHash()
        .put(
            RedisKeys.USERS,
            bobId,
            new String(
                EventJson.write(
                    new User(bobId, User.Status.OFFLINE, Instant.parse("2026-01-01T00:00:00Z")))))
        .block(WAIT);
    ChatClient alice = connect(aliceId);
    String room = alice.startDm(bobId);
    for (int i = 1; i <= 5; i++) {
      assertOk(alice.ack("sendMessage", "{\"room\":\"" + room + "\",\"content\":\"m" + i + "\"}"));
    }

    ChatClient bob = connect(bobId);
    JsonNode joined =
        bob.ack(
            "joinChat",
            "{\"username\":\""
                + bobId
                + "\",\"lastSeen\":{\""
                + room
                + "\":2,\"dm:zz_a:zz_b\":1}}");

    assertOk(joined);
    assertThat(joined.path("user").path("userId").asString()).isEqualTo(bobId);
    assertThat(joined.path("user").path("status").asString()).isEqualTo("online");
    assertThat(joined.path("users").toString()).contains(bobId);
    List<String> roomIds = new ArrayList<>();
    joined.path("rooms").forEach(r -> roomIds.add(r.path("id").asString()));
    assertThat(roomIds).containsExactly("general", room);
    assertThat(joined.path("rooms").get(1).path("lastSeq").asLong()).isEqualTo(5);
    assertThat(seqsOf(joined.path("missed").path(room))).containsExactly(3L, 4L, 5L);
    assertThat(joined.path("missed").has("dm:zz_a:zz_b")).isFalse();

    assertThat(code(bob.ack("joinChat", "{\"username\":\"someone_else\"}"))).isEqualTo("forbidden");
    assertOk(bob.ack("joinChat", null));
  }

  @Test
  void typingReachesTheOtherMembersOnly() {
    String aliceId = TestUsers.create(mongo, "alice");
    String bobId = TestUsers.create(mongo, "bob");
    ChatClient alice = connect(aliceId);
    ChatClient bob = connect(bobId);
    String room = alice.startDm(bobId);

    assertOk(alice.ack("typing", "{\"room\":\"" + room + "\",\"isTyping\":true}"));

    JsonNode typing = bob.awaitEvent("userTyping", e -> e.path("room").asString().equals(room));
    assertThat(typing.path("userId").asString()).isEqualTo(aliceId);
    assertThat(typing.path("isTyping").asBoolean()).isTrue();
    assertThat(alice.events("userTyping")).noneMatch(e -> e.path("room").asString().equals(room));
  }
}
