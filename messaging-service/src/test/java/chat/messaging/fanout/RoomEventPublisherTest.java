package chat.messaging.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import chat.events.EventJson;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.JsonNode;

class RoomEventPublisherTest {

  /** The Redis messages sent, each with the sink that completes it. */
  private final List<String> sent = new ArrayList<>();

  private final List<Sinks.Empty<Void>> pending = new ArrayList<>();
  private final Counter failures = new SimpleMeterRegistry().counter("failures");
  private final RoomEventPublisher publisher =
      new RoomEventPublisher(
          "replica-1",
          message -> {
            Sinks.Empty<Void> done = Sinks.empty();
            sent.add(message);
            pending.add(done);
            return done.asMono();
          },
          failures);

  private static RoomEventPublisher.Event event(int n) {
    return new RoomEventPublisher.Event(Audience.everyone(), "newMessage", n, "{\"n\":" + n + "}");
  }

  private static List<Long> sentAts(String message) {
    JsonNode root = EventJson.mapper().readTree(message);
    List<Long> values = new ArrayList<>();
    root.path("events").forEach(e -> values.add(e.path("sentAt").asLong()));
    return values;
  }

  @Test
  void anIdlePublisherSendsAnEventAtOnceWithItsOriginFirst() {
    publisher.publish(event(1));

    assertThat(sent).hasSize(1);
    assertThat(sent.get(0)).startsWith(RoomEventPublisher.prefixOf("replica-1"));
    JsonNode only = EventJson.mapper().readTree(sent.get(0)).path("events").get(0);
    assertThat(only.path("event").asString()).isEqualTo("newMessage");
    assertThat(only.path("payload").path("n").asInt()).isEqualTo(1);
    assertThat(only.has("audience")).isTrue();
  }

  @Test
  void eventsPublishedWhileAMessageIsInFlightLeaveTogetherInOrder() {
    publisher.publish(event(1));
    publisher.publish(event(2));
    publisher.publish(event(3));
    assertThat(sent).hasSize(1);

    pending.get(0).tryEmitEmpty();

    assertThat(sent).hasSize(2);
    assertThat(sentAts(sent.get(1))).containsExactly(2L, 3L);
  }

  @Test
  void oneMessageCarriesAtMostMaxBatchEvents() {
    publisher.publish(event(0));
    IntStream.rangeClosed(1, RoomEventPublisher.MAX_BATCH + 1)
        .forEach(n -> publisher.publish(event(n)));

    pending.get(0).tryEmitEmpty();
    pending.get(1).tryEmitEmpty();

    assertThat(sentAts(sent.get(1))).hasSize(RoomEventPublisher.MAX_BATCH).startsWith(1L);
    assertThat(sentAts(sent.get(2))).containsExactly(RoomEventPublisher.MAX_BATCH + 1L);
  }

  @Test
  void aFailedMessageCountsEachOfItsEventsAndTheNextStillLeaves() {
    publisher.publish(event(1));
    publisher.publish(event(2));
    publisher.publish(event(3));
    pending.get(0).tryEmitEmpty();

    pending.get(1).tryEmitError(new IllegalStateException("Command timed out"));
    publisher.publish(event(4));

    assertThat(failures.count()).isEqualTo(2);
    assertThat(sentAts(sent.get(2))).containsExactly(4L);
  }

  @Test
  void pastTheBoundEventsAreDroppedAndCountedWhileRedisDoesNotAnswer() {
    publisher.publish(event(0));
    for (int n = 1; n <= RoomEventPublisher.MAX_QUEUED + 5; n++) {
      publisher.publish(event(n));
    }
    assertThat(failures.count()).isEqualTo(5);

    pending.get(0).tryEmitEmpty();
    assertThat(sentAts(sent.get(1))).startsWith(1L, 2L, 3L);
  }
}
