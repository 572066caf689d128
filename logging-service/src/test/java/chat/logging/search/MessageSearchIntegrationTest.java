package chat.logging.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.events.ActivityEvent;
import chat.logging.support.ActivityEvents;
import chat.logging.support.LoggingIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Message search for signed-in users: global rooms only, highlighted. */
class MessageSearchIntegrationTest extends LoggingIntegrationTest {

  /** A word no other test uses, so the counts below are exact. */
  private static final String WORD = "zebra" + UUID.randomUUID().toString().substring(0, 6);

  private static final String DM_ROOM = "dm:dave:erin";
  private static volatile boolean loaded;

  private final String dave = token("dave", false);

  @BeforeEach
  void loadOnce() {
    if (!loaded) {
      String marker = "search-" + WORD;
      Instant now = Instant.now();
      List<ActivityEvent> events =
          List.of(
              ActivityEvents.message("dave", "general", 1, "a " + WORD + " crossed the road", now),
              ActivityEvents.message("erin", "random", 2, "the " + WORD + " <script>", now),
              ActivityEvents.message("erin", "random", 3, "nothing to see", now),
              ActivityEvents.directMessage("dave", DM_ROOM, 1, "private " + WORD, now));
      kafka().send(TOPIC, events.stream().map(e -> ActivityEvents.from(marker, e)).toList());
      await().atMost(Duration.ofSeconds(60)).until(() -> logs.count("instanceId", marker) == 4);
      loaded = true;
    }
  }

  private WebTestClient.ResponseSpec search(String query, String token) {
    return http.get()
        .uri("/api/search/messages?" + query)
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
        .exchange();
  }

  @Test
  void anySignedInUserFindsGlobalMessagesWithTheMatchHighlighted() {
    search("q=" + WORD + "&size=10", dave)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.total")
        .isEqualTo(2)
        .jsonPath("$.results[?(@.room == 'general')].id")
        .isEqualTo("general-1")
        .jsonPath("$.results[?(@.room == 'general')].seq")
        .isEqualTo(1)
        .jsonPath("$.results[?(@.room == 'general')].senderId")
        .isEqualTo("dave")
        .jsonPath("$.results[?(@.room == 'general')].highlights[0]")
        .isEqualTo("a <mark>" + WORD + "</mark> crossed the road")
        .jsonPath("$.results[?(@.room == 'random')].highlights[0]")
        .isEqualTo("the <mark>" + WORD + "</mark> &lt;script&gt;");
  }

  @Test
  void directMessagesAreNeverFoundEvenByTheirMembers() {
    search("q=private", dave).expectStatus().isOk().expectBody().jsonPath("$.total").isEqualTo(0);
    search("q=" + WORD + "&room=" + DM_ROOM, dave)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.total")
        .isEqualTo(0)
        .jsonPath("$.results.length()")
        .isEqualTo(0);
  }

  @Test
  void resultsNeverComeFromARoomTheCallerCannotRead() {
    List<String> rooms =
        http
            .get()
            .uri("/api/search/messages?size=50&q={q}", WORD + " | nothing | the | a")
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + dave)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(MessageSearch.Results.class)
            .returnResult()
            .getResponseBody()
            .results()
            .stream()
            .map(MessageSearch.Match::room)
            .toList();

    assertThat(rooms).isNotEmpty().doesNotContain(DM_ROOM).allMatch(r -> !r.startsWith("dm:"));
  }

  @Test
  void theRoomParameterNarrowsTheSearch() {
    search("q=" + WORD + "&room=random", dave)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.total")
        .isEqualTo(1)
        .jsonPath("$.results[0].room")
        .isEqualTo("random");
  }

  @Test
  void aQueryIsRequiredAndATokenToo() {
    search("room=general", dave)
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.error.code")
        .isEqualTo("bad_request");
    search("q=x&size=51", dave).expectStatus().isBadRequest();
    http.get()
        .uri("/api/search/messages?q=" + WORD)
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectBody()
        .jsonPath("$.error.code")
        .isEqualTo("unauthorized");
  }
}
