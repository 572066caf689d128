package chat.logging.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.events.ActivityEvent;
import chat.events.ActivityType;
import chat.events.EventJson;
import chat.logging.support.ActivityEvents;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class LogDocumentsTest {

  private static final Instant AT = Instant.parse("2026-03-31T23:59:59.500Z");

  private final LogDocuments documents = new LogDocuments(new ChatLogsIndex("chat-logs"));

  @Test
  void aGlobalMessageKeepsItsEventAndCopiesTheSearchedFieldsToTheTop() {
    ActivityEvent event = ActivityEvents.message("alice", "general", 7, "hello world", AT);

    LogDocument document = documents.from(EventJson.write(event));

    assertThat(document.id()).isEqualTo(event.eventId());
    assertThat(document.index()).isEqualTo("chat-logs-2026.03");
    assertThat(document.timestamp()).isEqualTo(AT);
    JsonNode source = EventJson.mapper().readTree(document.source());
    assertThat(source.path("eventType").asString()).isEqualTo("message_sent");
    assertThat(source.path("timestamp").asString()).isEqualTo("2026-03-31T23:59:59.500Z");
    assertThat(source.path("content").asString()).isEqualTo("hello world");
    assertThat(source.path("seq").asLong()).isEqualTo(7);
    assertThat(source.path("messageId").asString()).isEqualTo("general-7");
    assertThat(source.path("data").path("content").asString()).isEqualTo("hello world");
  }

  @Test
  void directMessageTextNeverReachesTheDocumentEvenIfAProducerSendsIt() {
    ActivityEvent event = ActivityEvents.directMessage("bob", "dm:alice:bob", 3, "secret", AT);

    LogDocument document = documents.from(EventJson.write(event));

    String json = new String(document.source(), StandardCharsets.UTF_8);
    assertThat(json).doesNotContain("secret").doesNotContain("content");
    assertThat(EventJson.mapper().readTree(document.source()).path("seq").asLong()).isEqualTo(3);
  }

  @Test
  void theMonthlyIndexFollowsTheEventTimestampInUtc() {
    ChatLogsIndex index = new ChatLogsIndex("chat-logs");

    assertThat(index.indexFor(Instant.parse("2026-12-31T23:59:59Z")))
        .isEqualTo("chat-logs-2026.12");
    assertThat(index.indexFor(Instant.parse("2027-01-01T00:00:00Z")))
        .isEqualTo("chat-logs-2027.01");
    assertThat(index.pattern()).isEqualTo("chat-logs-*");
  }

  @Test
  void bytesThatAreNotAnActivityEventAreUnparseable() {
    for (String value : new String[] {"", "not json", "[]", "{\"eventType\":\"x\"}", "null"}) {
      assertThatThrownBy(() -> documents.from(value.getBytes(StandardCharsets.UTF_8)))
          .as(value)
          .isInstanceOfSatisfying(
              InvalidEventException.class, e -> assertThat(e.reason()).isEqualTo("unparseable"));
    }
    assertThatThrownBy(() -> documents.from(null)).isInstanceOf(InvalidEventException.class);
  }

  @Test
  void unusableValuesAreInvalid() {
    ActivityEvent blankId =
        new ActivityEvent(" ", ActivityType.LOGIN_FAILED, AT, "x", null, null, Map.of());
    ActivityEvent longId =
        new ActivityEvent("x".repeat(513), ActivityType.LOGIN_FAILED, AT, "x", null, null, null);
    ActivityEvent farFuture =
        new ActivityEvent(
            "id",
            ActivityType.LOGIN_FAILED,
            Instant.parse("+12000-01-01T00:00:00Z"),
            "x",
            null,
            null,
            null);

    for (ActivityEvent event : new ActivityEvent[] {blankId, longId, farFuture}) {
      assertThatThrownBy(() -> documents.from(EventJson.write(event)))
          .isInstanceOfSatisfying(
              InvalidEventException.class, e -> assertThat(e.reason()).isEqualTo("invalid"));
    }
  }

  @Test
  void indexNamesMustBeValidElasticsearchNames() {
    assertThatThrownBy(() -> new ChatLogsIndex("Chat-Logs"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ChatLogsIndex("-x")).isInstanceOf(IllegalArgumentException.class);
  }
}
