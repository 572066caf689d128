package chat.messaging.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.events.ActivityEvent;
import chat.events.ConnectionEvent;
import chat.events.EventJson;
import chat.events.Topics;
import chat.messaging.testing.TestProperties;
import chat.stack.TestInfrastructure;
import chat.stack.TopicReader;
import chat.stack.kafka.KafkaBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/**
 * The Kafka publishers against a private broker that the tests stop and restart: Kafka being down
 * never blocks the caller, nothing is lost during an outage the buffer can hold, and overflow is
 * dropped and counted.
 */
class KafkaPublishersIT {

  /** Outage length of the no-loss test: the contract's 60 s unless overridden. */
  private static final int OUTAGE_SECONDS =
      Integer.getInteger("chat.test.kafka-outage-seconds", 60);

  private static KafkaBroker kafka;

  @BeforeAll
  static void startKafka() {
    kafka = TestInfrastructure.privateKafka();
  }

  @AfterAll
  static void closeKafka() {
    if (kafka != null) {
      kafka.close();
    }
  }

  private static ActivityEvent event(String userId, int n) {
    return ActivityEvent.of(
        "message_sent", Instant.now(), userId, "general", "it", Map.of("seq", n, "content", "m"));
  }

  @Test
  void activityAndConnectionEventsArriveKeyedByUser() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    KafkaPublishers publishers =
        new KafkaPublishers(TestProperties.withKafka(kafka.bootstrapServers(), 1000), registry);
    publishers.start();
    String user = "u_" + UUID.randomUUID().toString().substring(0, 8);
    try (TopicReader activity = new TopicReader(kafka.bootstrapServers(), Topics.CHAT_ACTIVITY);
        TopicReader connections =
            new TopicReader(kafka.bootstrapServers(), Topics.CHAT_CONNECTIONS)) {
      publishers.publish(event(user, 1));
      publishers.publish(
          new ConnectionEvent(ConnectionEvent.Type.HEARTBEAT, user, "sock-1", "it", Instant.now()));

      var a = activity.awaitRecords(r -> user.equals(r.key()), 1, Duration.ofSeconds(60));
      assertThat(EventJson.read(a.get(0).value(), ActivityEvent.class).userId()).isEqualTo(user);
      var c = connections.awaitRecords(r -> user.equals(r.key()), 1, Duration.ofSeconds(60));
      assertThat(EventJson.read(c.get(0).value(), ConnectionEvent.class).type())
          .isEqualTo(ConnectionEvent.Type.HEARTBEAT);
    } finally {
      publishers.stop();
    }
  }

  @Test
  void nothingIsDroppedDuringAnOutageAtOneHundredEventsPerSecond() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    KafkaPublishers publishers =
        new KafkaPublishers(TestProperties.withKafka(kafka.bootstrapServers(), 30_000), registry);
    publishers.start();
    String user = "outage_" + UUID.randomUUID().toString().substring(0, 8);
    int total = OUTAGE_SECONDS * 100;
    try (TopicReader activity = new TopicReader(kafka.bootstrapServers(), Topics.CHAT_ACTIVITY)) {
      publishers.publish(event(user, 0));
      activity.awaitRecords(r -> user.equals(r.key()), 1, Duration.ofSeconds(60));

      kafka.stop();
      long slowest =
          Flux.interval(Duration.ofMillis(10))
              .take(total)
              .map(
                  i -> {
                    long start = System.nanoTime();
                    publishers.publish(event(user, i.intValue() + 1));
                    return System.nanoTime() - start;
                  })
              .reduce(Math::max)
              .block(Duration.ofSeconds(OUTAGE_SECONDS + 60));
      assertThat(Duration.ofNanos(slowest))
          .as("publish never blocks")
          .isLessThan(Duration.ofSeconds(1));
      assertThat(publishers.bufferedActivity()).isGreaterThan(total / 2);
      kafka.start();

      var records =
          activity.awaitRecords(r -> user.equals(r.key()), total + 1, Duration.ofSeconds(180));
      Set<Object> seqs =
          records.stream()
              .map(r -> EventJson.read(r.value(), ActivityEvent.class).data().get("seq"))
              .collect(Collectors.toSet());
      assertThat(seqs).hasSize(total + 1);
      assertThat(registry.counter("chat.kafka.dropped", "topic", "chat-activity").count()).isZero();
      await().atMost(Duration.ofSeconds(30)).until(() -> publishers.bufferedActivity() == 0);
    } finally {
      if (!kafka.isRunning()) {
        kafka.start();
      }
      publishers.stop();
    }
  }

  @Test
  void aFullBufferDropsAndCountsWithoutBlocking() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    KafkaPublishers publishers =
        new KafkaPublishers(TestProperties.withKafka(kafka.bootstrapServers(), 100), registry);
    publishers.start();
    try {
      kafka.stop();
      long start = System.nanoTime();
      String user = "full_" + UUID.randomUUID().toString().substring(0, 8);
      for (int i = 0; i < 1000; i++) {
        publishers.publish(event(user, i));
      }
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      assertThat(registry.counter("chat.kafka.dropped", "topic", "chat-activity").count())
          .isEqualTo(900);
      assertThat(
              registry.get("chat.kafka.buffer.size").tag("topic", "chat-activity").gauge().value())
          .isEqualTo(100);
    } finally {
      kafka.start();
      publishers.stop();
    }
  }
}
