package chat.logging.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.events.ActivityEvent;
import chat.events.ActivityType;
import chat.logging.support.ActivityEvents;
import chat.logging.support.LoggingIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The analytics API over a known fixture: 24 events on 2025-06-10 (a day no other test writes),
 * sent through Kafka and the real pipeline.
 */
class AnalyticsApiIntegrationTest extends LoggingIntegrationTest {

  static final String DAY = "from=2025-06-10T00:00:00Z&to=2025-06-11T00:00:00Z";
  static final String ADMIN = token("root", true);
  static final String USER = token("alice", false);

  private static volatile boolean loaded;

  /** The fixture, also read by the search test. */
  static List<ActivityEvent> fixture() {
    List<ActivityEvent> events = new ArrayList<>();
    for (String user : List.of("alice", "bob", "carol")) {
      events.add(ActivityEvents.of(ActivityType.USER_REGISTERED, user, at("10:00:00")));
      events.add(ActivityEvents.of(ActivityType.LOGIN_SUCCEEDED, user, at("10:01:00")));
      events.add(ActivityEvents.of(ActivityType.USER_CONNECTED, user, at("10:02:00")));
    }
    events.add(ActivityEvents.of(ActivityType.LOGIN_FAILED, "mallory", at("10:01:30")));
    events.add(ActivityEvents.of(ActivityType.LOGIN_FAILED, "mallory", at("10:01:40")));
    events.add(ActivityEvents.message("alice", "general", 1, "Hello everyone", at("10:05:00")));
    events.add(
        ActivityEvents.message(
            "alice", "general", 2, "Who likes pineapple pizza?", at("10:06:00")));
    events.add(ActivityEvents.message("bob", "general", 3, "Not me, <b>never</b>", at("10:07:00")));
    events.add(ActivityEvents.message("alice", "general", 4, "More for me then", at("10:08:00")));
    events.add(ActivityEvents.message("bob", "general", 5, "hello again", at("10:09:00")));
    events.add(ActivityEvents.message("alice", "general", 6, "bye", at("10:10:00")));
    events.add(
        ActivityEvents.message(
            "carol", "random", 1, "pineapple on its own is fine", at("10:11:00")));
    events.add(
        new ActivityEvent(
            "dm-start-fixture-" + RUN,
            ActivityType.DM_STARTED,
            at("10:30:00"),
            "alice",
            "dm:alice:bob",
            "messaging-1",
            Map.of("recipientId", "bob")));
    events.add(
        ActivityEvents.directMessage(
            "alice", "dm:alice:bob", 1, "secret pineapple plan", at("10:31:00")));
    events.add(ActivityEvents.directMessage("alice", "dm:alice:bob", 2, null, at("10:32:00")));
    events.add(ActivityEvents.directMessage("bob", "dm:alice:bob", 3, null, at("10:33:00")));
    events.add(ActivityEvents.of(ActivityType.USER_DISCONNECTED, "alice", at("11:10:00")));
    events.add(ActivityEvents.of(ActivityType.PRESENCE_CHANGED, "alice", at("11:20:00")));
    return events;
  }

  private static Instant at(String time) {
    return Instant.parse("2025-06-10T" + time + "Z");
  }

  @BeforeEach
  void loadFixtureOnce() {
    if (!loaded) {
      List<ActivityEvent> events = fixture();
      kafka().send(TOPIC, events);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  logs.count(chat.logging.index.LogSearch.timeRange(at("00:00:00"), at("23:59:59")))
                      == events.size());
      loaded = true;
    }
  }

  private WebTestClient.ResponseSpec get(String uri, String token) {
    return http.get().uri(uri).header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();
  }

  @Test
  void theSummaryCountsTheFixture() {
    get("/api/analytics/summary?" + DAY, ADMIN)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.totalEvents")
        .isEqualTo(24)
        .jsonPath("$.messages")
        .isEqualTo(7)
        .jsonPath("$.directMessages")
        .isEqualTo(3)
        .jsonPath("$.activeUsers")
        .isEqualTo(3)
        .jsonPath("$.connections")
        .isEqualTo(3)
        .jsonPath("$.logins.succeeded")
        .isEqualTo(3)
        .jsonPath("$.logins.failed")
        .isEqualTo(2)
        .jsonPath("$.eventsByType.message_sent")
        .isEqualTo(7)
        .jsonPath("$.eventsByType.dm_started")
        .isEqualTo(1)
        .jsonPath("$.eventsByType.user_registered")
        .isEqualTo(3);
  }

  @Test
  void theTimelineHasOneBucketPerIntervalWithCountsByType() {
    get(
            "/api/analytics/timeline?from=2025-06-10T10:00:00Z&to=2025-06-10T12:00:00Z&interval=1h",
            ADMIN)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.interval")
        .isEqualTo("1h")
        .jsonPath("$.buckets.length()")
        .isEqualTo(2)
        .jsonPath("$.buckets[0].start")
        .isEqualTo("2025-06-10T10:00:00Z")
        .jsonPath("$.buckets[0].total")
        .isEqualTo(22)
        .jsonPath("$.buckets[0].messages")
        .isEqualTo(10)
        .jsonPath("$.buckets[0].counts.message_sent")
        .isEqualTo(7)
        .jsonPath("$.buckets[1].total")
        .isEqualTo(2)
        .jsonPath("$.buckets[1].counts.presence_changed")
        .isEqualTo(1);
  }

  @Test
  void emptyIntervalsAreBucketsWithZero() {
    get(
            "/api/analytics/timeline?from=2025-06-10T08:00:00Z&to=2025-06-10T10:00:00Z&interval=30m",
            ADMIN)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.buckets.length()")
        .isEqualTo(4)
        .jsonPath("$.buckets[3].total")
        .isEqualTo(0);
  }

  @Test
  void topUsersAndRoomsRankByMessages() {
    get("/api/analytics/top-users?" + DAY + "&limit=2", ADMIN)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.users.length()")
        .isEqualTo(2)
        .jsonPath("$.users[0].userId")
        .isEqualTo("alice")
        .jsonPath("$.users[0].count")
        .isEqualTo(6)
        .jsonPath("$.users[1].userId")
        .isEqualTo("bob")
        .jsonPath("$.users[1].count")
        .isEqualTo(3);
    get("/api/analytics/top-rooms?" + DAY, ADMIN)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.rooms.length()")
        .isEqualTo(2)
        .jsonPath("$.rooms[0].room")
        .isEqualTo("general")
        .jsonPath("$.rooms[0].count")
        .isEqualTo(6)
        .jsonPath("$.rooms[1].room")
        .isEqualTo("random");
  }

  @Test
  void theActivityLogIsFilteredPagedAndNewestFirst() {
    get("/api/analytics/events?" + DAY + "&type=message_sent&userId=alice&size=2&page=1", ADMIN)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.total")
        .isEqualTo(4)
        .jsonPath("$.events.length()")
        .isEqualTo(2)
        .jsonPath("$.events[0].data.seq")
        .isEqualTo(2)
        .jsonPath("$.events[1].data.seq")
        .isEqualTo(1);
    get("/api/analytics/events?" + DAY + "&q=pineapple", ADMIN)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.total")
        .isEqualTo(2)
        .jsonPath("$.events[0].userId")
        .isEqualTo("carol");
    get("/api/analytics/events?" + DAY + "&type=login_failed,dm_started", ADMIN)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.total")
        .isEqualTo(3);
  }

  @Test
  void onlyAdminsMayReadAnalytics() {
    for (String path : List.of("summary", "timeline", "top-users", "top-rooms", "events")) {
      get("/api/analytics/" + path, USER)
          .expectStatus()
          .isForbidden()
          .expectBody()
          .jsonPath("$.error.code")
          .isEqualTo("forbidden");
      http.get()
          .uri("/api/analytics/" + path)
          .exchange()
          .expectStatus()
          .isUnauthorized()
          .expectBody()
          .jsonPath("$.error.code")
          .isEqualTo("unauthorized");
    }
  }

  @Test
  void badParametersAreRefusedWithAClearMessage() {
    Map<String, String> cases =
        Map.of(
            "/api/analytics/summary?from=yesterday", "from must be an ISO-8601",
            "/api/analytics/summary?from=2025-06-11&to=2025-06-10", "from must not be after to",
            "/api/analytics/events?size=101", "size must be between 1 and 100",
            "/api/analytics/events?size=100&page=100", "past the first 10000",
            "/api/analytics/timeline?from=2025-01-01&to=2025-06-01&interval=1s", "buckets",
            "/api/analytics/timeline?interval=5x", "interval must be auto",
            "/api/analytics/top-users?limit=0", "limit must be between 1 and 100",
            "/api/analytics/events?type=DROP%20TABLE", "type must be");
    cases.forEach(
        (uri, message) ->
            get(uri, ADMIN)
                .expectStatus()
                .isEqualTo(HttpStatus.BAD_REQUEST)
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo("bad_request")
                .jsonPath("$.error.message")
                .value(m -> assertThat((String) m).contains(message)));
  }
}
