package chat.logging.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.events.ActivityEvent;
import chat.events.ActivityType;
import chat.events.EventJson;
import chat.logging.support.ActivityEvents;
import chat.logging.support.LoggingIntegrationTest;
import chat.stack.TopicReader;
import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/** The indexing pipeline against real Kafka and Elasticsearch. */
class IndexingIntegrationTest extends LoggingIntegrationTest {

  private static final Duration WAIT = Duration.ofSeconds(60);

  private static String marker() {
    return "it-" + UUID.randomUUID();
  }

  private static List<ActivityEvent> mixedEvents(String marker, int count) {
    String[] types = {
      ActivityType.LOGIN_SUCCEEDED,
      ActivityType.USER_CONNECTED,
      ActivityType.PRESENCE_CHANGED,
      ActivityType.USER_DISCONNECTED
    };
    List<ActivityEvent> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String user = "user" + (i % 17);
      ActivityEvent event =
          i % 3 == 0
              ? ActivityEvents.message(user, "general", i, "message number " + i, Instant.now())
              : ActivityEvents.of(types[i % types.length], user, Instant.now());
      events.add(ActivityEvents.from(marker, event));
    }
    return events;
  }

  @Test
  void everyProducedEventIsSearchableExactlyOnce() {
    String marker = marker();
    List<ActivityEvent> events = mixedEvents(marker, 300);

    kafka().send(TOPIC, events);

    await().atMost(WAIT).until(() -> logs.count("instanceId", marker) >= 300);
    assertThat(logs.count("instanceId", marker)).isEqualTo(300);
    assertThat(logs.ids("instanceId", marker))
        .containsExactlyInAnyOrderElementsOf(events.stream().map(ActivityEvent::eventId).toList());
  }

  @Test
  void replayingTheSameEventsChangesNoCount() {
    String marker = marker();
    List<ActivityEvent> events = mixedEvents(marker, 100);
    kafka().send(TOPIC, events);
    await().atMost(WAIT).until(() -> logs.count("instanceId", marker) == 100);
    double indexedBefore = counter("chat.logging.events.indexed");

    kafka().send(TOPIC, events);

    await().atMost(WAIT).until(() -> counter("chat.logging.events.indexed") >= indexedBefore + 100);
    assertThat(logs.count("instanceId", marker)).isEqualTo(100);
  }

  @Test
  void aPoisonRecordGoesToTheDeadLetterTopicWhileTheFollowingRecordsAreIndexed() {
    String marker = marker();
    String user = "poison-" + UUID.randomUUID().toString().substring(0, 8);
    ActivityEvent before =
        ActivityEvents.from(marker, ActivityEvents.of("user_connected", user, Instant.now()));
    ActivityEvent badSeq =
        ActivityEvents.from(marker, ActivityEvents.message(user, "general", 1, "x", Instant.now()));
    Map<String, Object> badData = new HashMap<>(badSeq.data());
    badData.put("seq", "not-a-number");
    ActivityEvent refusedByMapping =
        new ActivityEvent(
            badSeq.eventId(),
            badSeq.eventType(),
            badSeq.timestamp(),
            user,
            "general",
            marker,
            badData);
    List<ActivityEvent> after = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      after.add(
          ActivityEvents.from(marker, ActivityEvents.of("presence_changed", user, Instant.now())));
    }
    double deadBefore =
        counter("chat.logging.dead.letters", "reason", "unparseable")
            + counter("chat.logging.dead.letters", "reason", "rejected");

    List<byte[]> values = new ArrayList<>();
    values.add(EventJson.write(before));
    values.add("{this is not json".getBytes(StandardCharsets.UTF_8));
    values.add(EventJson.write(refusedByMapping));
    after.forEach(event -> values.add(EventJson.write(event)));
    kafka().sendRaw(TOPIC, user, values);

    await().atMost(WAIT).until(() -> logs.count("instanceId", marker) == 6);
    List<ConsumerRecord<String, byte[]>> letters;
    try (TopicReader dlt = kafka().reader(DEAD_LETTERS)) {
      letters = dlt.awaitRecords(r -> user.equals(r.key()), 2, WAIT);
    }
    assertThat(letters).hasSize(2);
    assertThat(header(letters.get(0), "dlt-reason")).isEqualTo("unparseable");
    assertThat(header(letters.get(1), "dlt-reason")).isEqualTo("rejected");
    assertThat(header(letters.get(1), "dlt-detail")).contains("seq");
    assertThat(header(letters.get(0), "dlt-original-topic")).isEqualTo(TOPIC);
    assertThat(Long.parseLong(header(letters.get(1), "dlt-original-offset")))
        .isEqualTo(Long.parseLong(header(letters.get(0), "dlt-original-offset")) + 1);
    assertThat(letters.get(0).value())
        .asString(StandardCharsets.UTF_8)
        .isEqualTo("{this is not json");
    assertThat(
            counter("chat.logging.dead.letters", "reason", "unparseable")
                + counter("chat.logging.dead.letters", "reason", "rejected"))
        .isEqualTo(deadBefore + 2);
  }

  @Test
  void theIndexTemplateMapsEveryFieldExplicitlyAndPutsIndicesBehindTheAlias() {
    var template =
        elasticsearch
            .indices()
            .getIndexTemplate(t -> t.name(INDEX))
            .block(WAIT)
            .indexTemplates()
            .get(0)
            .indexTemplate();

    assertThat(template.indexPatterns()).containsExactly(INDEX + "-*");
    assertThat(template.template().aliases()).containsKey(INDEX);
    var mapping = template.template().mappings();
    assertThat(mapping.dynamic()).isEqualTo(DynamicMapping.Strict);
    assertThat(mapping.properties().get("eventId").isKeyword()).isTrue();
    assertThat(mapping.properties().get("timestamp").isDate()).isTrue();
    assertThat(mapping.properties().get("content").text().analyzer()).isEqualTo("standard");
    assertThat(mapping.properties().get("data").object().enabled()).isFalse();
  }

  @Test
  void metricsArePublishedForPrometheus() {
    kafka().send(TOPIC, mixedEvents(marker(), 3));
    await().atMost(WAIT).until(() -> counter("chat.logging.events.indexed") > 0);

    String metrics =
        http.get()
            .uri("/actuator/prometheus")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();

    assertThat(metrics)
        .contains("chat_logging_events_indexed_total")
        .contains("chat_logging_bulk_latency_seconds_bucket")
        .contains("chat_logging_index_lag_seconds_bucket")
        .contains("chat_logging_consumer_lag_records");
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
