package chat.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

class EventJsonTest {

  @Test
  void connectionEventUsesContractNamesAndIsoTimestamps() {
    var event =
        new ConnectionEvent(
            ConnectionEvent.Type.CONNECTED,
            "alice",
            "c1",
            "messaging-1",
            Instant.parse("2026-11-28T10:00:00Z"));

    String json = new String(EventJson.write(event), StandardCharsets.UTF_8);

    assertThat(json)
        .contains("\"type\":\"connected\"")
        .contains("\"timestamp\":\"2026-11-28T10:00:00Z\"");
    assertThat(EventJson.read(json.getBytes(StandardCharsets.UTF_8), ConnectionEvent.class))
        .isEqualTo(event);
  }

  @Test
  void activityEventRoundTripsAndOmitsMissingRoom() {
    var event =
        ActivityEvent.of(
            ActivityType.LOGIN_SUCCEEDED,
            Instant.parse("2026-11-28T10:00:00Z"),
            "alice",
            null,
            "messaging-1",
            Map.of("ip", "127.0.0.1"));

    byte[] json = EventJson.write(event);

    assertThat(new String(json, StandardCharsets.UTF_8)).doesNotContain("\"room\"");
    assertThat(EventJson.read(json, ActivityEvent.class)).isEqualTo(event);
  }

  @Test
  void userStatusIsLowerCase() {
    var user = new User("bob", User.Status.OFFLINE, Instant.parse("2026-11-28T10:00:00Z"));

    assertThat(new String(EventJson.write(user), StandardCharsets.UTF_8))
        .contains("\"status\":\"offline\"");
  }

  @Test
  void unknownFieldsAreIgnoredButBrokenJsonFails() {
    byte[] withExtra =
        "{\"type\":\"heartbeat\",\"userId\":\"a\",\"connectionId\":\"c\",\"instanceId\":\"i\",\"timestamp\":\"2026-11-28T10:00:00Z\",\"extra\":1}"
            .getBytes(StandardCharsets.UTF_8);

    assertThat(EventJson.read(withExtra, ConnectionEvent.class).type())
        .isEqualTo(ConnectionEvent.Type.HEARTBEAT);
    assertThatThrownBy(
            () -> EventJson.read("{".getBytes(StandardCharsets.UTF_8), ConnectionEvent.class))
        .isInstanceOf(JacksonException.class);
  }

  @Test
  void userIdsFollowTheAccountRules() {
    assertThat(UserIds.isValid("alice_b.o-b")).isTrue();
    assertThat(UserIds.isValid("al")).isFalse();
    assertThat(UserIds.isValid("a".repeat(33))).isFalse();
    assertThat(UserIds.isValid("al ice")).isFalse();
    assertThat(UserIds.isValid("al:ice")).isFalse();
    assertThat(UserIds.canonical("Alice")).isEqualTo("alice");
  }
}
