package chat.messaging.testing;

import chat.messaging.MessagingProperties;
import java.time.Duration;

/** {@link MessagingProperties} with the documented defaults, for unit tests. */
public final class TestProperties {

  private TestProperties() {}

  public static MessagingProperties defaults() {
    return withKafka("127.0.0.1:1", 30_000);
  }

  /** The defaults, with these Kafka brokers and buffer capacity (per topic). */
  public static MessagingProperties withKafka(String bootstrapServers, int bufferCapacity) {
    return new MessagingProperties(
        "test-instance",
        20,
        500,
        new MessagingProperties.Typing(Duration.ofSeconds(5), Duration.ofMillis(300)),
        new MessagingProperties.Fanout("messaging:room-events", Duration.ofSeconds(1)),
        new MessagingProperties.Kafka(
            bootstrapServers, "chat-activity", bufferCapacity, Duration.ofSeconds(30), 5),
        Duration.ofSeconds(10),
        Duration.ofSeconds(5));
  }
}
