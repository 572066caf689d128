package chat.messaging.api;

import chat.events.auth.JwtTokens;
import chat.messaging.socketio.SocketListener;
import chat.messaging.testing.ChatClient;
import chat.messaging.testing.InfrastructureTest;
import chat.messaging.testing.TestUsers;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

/** {@code GET /api/rooms} and {@code GET /api/rooms/{room}/messages} over real HTTP. */
class RoomsApiIT extends InfrastructureTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @LocalServerPort int port;
  @Autowired JwtTokens tokens;
  @Autowired SocketListener listener;
  @Autowired ReactiveMongoTemplate mongo;

  private WebTestClient http() {
    return WebTestClient.bindToServer()
        .baseUrl("http://127.0.0.1:" + port)
        .responseTimeout(WAIT)
        .build();
  }

  private String bearer(String userId) {
    return "Bearer " + tokens.issue(userId, Set.of(), Duration.ofMinutes(5));
  }

  @Test
  void roomsAndHistoryFollowTheLoadHistoryRules() {
    String aliceId = TestUsers.create(mongo, "alice");
    String bobId = TestUsers.create(mongo, "bob");
    ChatClient alice = ChatClient.connect(listener, aliceId);
    String room = alice.startDm(bobId);
    for (int i = 1; i <= 4; i++) {
      alice.ack("sendMessage", "{\"room\":\"" + room + "\",\"content\":\"m" + i + "\"}");
    }
    alice.disconnect();

    http()
        .get()
        .uri("/api/rooms")
        .header("Authorization", bearer(bobId))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.rooms[0].id")
        .isEqualTo("general")
        .jsonPath("$.rooms[0].type")
        .isEqualTo("global")
        .jsonPath("$.rooms[1].id")
        .isEqualTo(room)
        .jsonPath("$.rooms[1].type")
        .isEqualTo("dm")
        .jsonPath("$.rooms[1].lastSeq")
        .isEqualTo(4)
        .jsonPath("$.rooms[1].members.length()")
        .isEqualTo(2);

    http()
        .get()
        .uri("/api/rooms/{room}/messages?limit=2", room)
        .header("Authorization", bearer(bobId))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.messages[0].seq")
        .isEqualTo(3)
        .jsonPath("$.messages[1].seq")
        .isEqualTo(4)
        .jsonPath("$.hasMore")
        .isEqualTo(true);

    http()
        .get()
        .uri("/api/rooms/{room}/messages?beforeSeq=3&limit=100", room)
        .header("Authorization", bearer(bobId))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.messages.length()")
        .isEqualTo(2)
        .jsonPath("$.hasMore")
        .isEqualTo(false);
  }

  @Test
  void refusalsUseTheContractErrorShape() {
    String carol = bearer(TestUsers.create(mongo, "carol"));
    expectError(carol, "/api/rooms/dm:xx_a:xx_b/messages", HttpStatus.FORBIDDEN, "forbidden");
    expectError(carol, "/api/rooms/lobby/messages", HttpStatus.NOT_FOUND, "not_found");
    expectError(
        carol, "/api/rooms/general/messages?limit=0", HttpStatus.BAD_REQUEST, "bad_request");
    expectError(
        carol, "/api/rooms/general/messages?beforeSeq=abc", HttpStatus.BAD_REQUEST, "bad_request");
    http().get().uri("/api/rooms").exchange().expectStatus().isUnauthorized();
  }

  private void expectError(String authorization, String uri, HttpStatus status, String code) {
    http()
        .get()
        .uri(uri)
        .header("Authorization", authorization)
        .exchange()
        .expectStatus()
        .isEqualTo(status)
        .expectBody()
        .jsonPath("$.error.code")
        .isEqualTo(code);
  }
}
