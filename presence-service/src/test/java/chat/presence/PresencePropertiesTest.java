package chat.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class PresencePropertiesTest {

  private static PresenceProperties bind(Map<String, String> values) {
    return new Binder(new MapConfigurationPropertySource(values))
        .bindOrCreate("chat", PresenceProperties.class);
  }

  @Test
  void defaultsMatchTheDocumentedBehaviour() {
    PresenceProperties properties = bind(Map.of());

    assertThat(properties.presence().gracePeriod()).isEqualTo(Duration.ofSeconds(3));
    assertThat(properties.presence().deadConnectionTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(properties.kafka().groupId()).isEqualTo("presence-service");
    assertThat(properties.kafka().connectionsTopic()).isEqualTo("chat-connections");
    assertThat(properties.kafka().deadLetterTopic()).isEqualTo("chat-connections-dlt");
    assertThat(properties.kafka().activityTopic()).isEqualTo("chat-activity");
    assertThat(properties.instanceId()).isNotBlank();
  }

  @Test
  void settingsAreBound() {
    PresenceProperties properties =
        bind(
            Map.of(
                "chat.instance-id", "presence-7",
                "chat.kafka.broker", "kafka:9092",
                "chat.presence.grace-period", "500ms"));

    assertThat(properties.instanceId()).isEqualTo("presence-7");
    assertThat(properties.kafka().broker()).isEqualTo("kafka:9092");
    assertThat(properties.presence().gracePeriod()).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void nonsensicalTimingsAreRefused() {
    assertThatThrownBy(() -> bind(Map.of("chat.presence.dead-connection-timeout", "0s")))
        .isInstanceOf(BindException.class)
        .rootCause()
        .hasMessageContaining("dead-connection-timeout");
    assertThatThrownBy(() -> bind(Map.of("chat.presence.closed-retention", "10s")))
        .isInstanceOf(BindException.class)
        .rootCause()
        .hasMessageContaining("closed-retention");
  }
}
