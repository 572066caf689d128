package chat.presence.connection;

import static org.assertj.core.api.Assertions.assertThat;

import chat.presence.PresenceProperties;
import chat.presence.kafka.InboundRecord;
import chat.presence.kafka.KafkaOutbound;
import chat.presence.kafka.OutboundRecord;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** Bad input, with fakes for Kafka: nothing here may reach Redis (the store is absent). */
class ConnectionEventConsumerTest {

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final List<OutboundRecord> deadLetters = new CopyOnWriteArrayList<>();
  private final PresenceProperties properties =
      new Binder(new MapConfigurationPropertySource(java.util.Map.of("chat.instance-id", "p1")))
          .bindOrCreate("chat", PresenceProperties.class);

  private ConnectionEventConsumer consumer(KafkaOutbound outbound) {
    return new ConnectionEventConsumer(
        null, outbound, null, null, new ConsumerMetrics(meters), properties, Clock.systemUTC());
  }

  private static InboundRecord record(String key, String value, AtomicInteger acks) {
    return new InboundRecord(
        0,
        key,
        value == null ? null : value.getBytes(StandardCharsets.UTF_8),
        acks::incrementAndGet);
  }

  @Test
  void unparseableRecordsAreCountedDeadLetteredAndAcknowledged() {
    KafkaOutbound kafka = records -> records.doOnNext(deadLetters::add).map(record -> true);
    AtomicInteger acks = new AtomicInteger();
    List<InboundRecord> batch =
        List.of(
            record("a", "not json", acks),
            record("b", "{\"type\":\"teleported\"}", acks),
            record("c", "{\"type\":\"connected\",\"userId\":\"x\"}", acks),
            record("d", "null", acks),
            record("e", null, acks));

    StepVerifier.create(consumer(kafka).process(batch))
        .expectComplete()
        .verify(Duration.ofSeconds(10));

    assertThat(acks).hasValue(5);
    assertThat(deadLetters)
        .extracting(OutboundRecord::key)
        .containsExactly("a", "b", "c", "d", "e");
    assertThat(deadLetters)
        .allSatisfy(r -> assertThat(r.topic()).isEqualTo("chat-connections-dlt"));
    assertThat(deadLetters.get(0).headers()).containsEntry("reason", "unparseable");
    assertThat(meters.get("chat.presence.events.invalid").counter().count()).isEqualTo(5);
  }

  @Test
  void aDeadLetterTopicThatFailsDoesNotStopConsumption() {
    KafkaOutbound broken = records -> Flux.error(new IllegalStateException("broker gone"));
    AtomicInteger acks = new AtomicInteger();

    StepVerifier.create(consumer(broken).process(List.of(record("a", "{", acks))))
        .expectComplete()
        .verify(Duration.ofSeconds(10));

    assertThat(acks).hasValue(1);
  }
}
