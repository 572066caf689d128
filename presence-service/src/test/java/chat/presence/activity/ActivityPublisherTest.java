package chat.presence.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.events.ActivityEvent;
import chat.events.ActivityType;
import chat.presence.kafka.KafkaOutbound;
import chat.presence.kafka.OutboundRecord;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

class ActivityPublisherTest {

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  private static ActivityEvent event(String user) {
    return ActivityEvent.of(
        ActivityType.PRESENCE_CHANGED, Instant.now(), user, null, "p1", Map.of("status", "online"));
  }

  @Test
  void eventsReachKafkaKeyedByUser() {
    List<OutboundRecord> sent = new CopyOnWriteArrayList<>();
    KafkaOutbound kafka = records -> records.doOnNext(sent::add).map(record -> true);
    ActivityPublisher publisher = new ActivityPublisher(kafka, "activity", 16, meters);
    publisher.start();

    publisher.publish(event("alice"));

    await().atMost(Duration.ofSeconds(10)).until(() -> sent.size() == 1);
    assertThat(sent.get(0).topic()).isEqualTo("activity");
    assertThat(sent.get(0).key()).isEqualTo("alice");
    publisher.stop();
  }

  @Test
  void aStalledKafkaNeverBlocksPublishingAndDropsAreCounted() {
    // A sender that takes nothing: the buffer fills up.
    KafkaOutbound stalled = records -> Flux.never();
    ActivityPublisher publisher = new ActivityPublisher(stalled, "activity", 8, meters);
    publisher.start();

    for (int i = 0; i < 100; i++) {
      publisher.publish(event("u" + i));
    }

    assertThat(dropped("overflow")).isGreaterThanOrEqualTo(100 - 8 - 32);
    publisher.stop();
  }

  @Test
  void recordsKafkaRefusesAreCounted() {
    KafkaOutbound refusing = records -> records.map(record -> false);
    ActivityPublisher publisher = new ActivityPublisher(refusing, "activity", 8, meters);
    publisher.start();

    publisher.publish(event("alice"));

    await().atMost(Duration.ofSeconds(10)).until(() -> dropped("failed") == 1);
    publisher.stop();
  }

  private double dropped(String reason) {
    return meters.get("chat.presence.activity.dropped").tag("reason", reason).counter().count();
  }
}
