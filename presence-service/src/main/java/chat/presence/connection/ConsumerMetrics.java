package chat.presence.connection;

import chat.events.ConnectionEvent;
import chat.presence.status.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** Meters of the connection-event consumer. */
public final class ConsumerMetrics {

  private final Map<ConnectionEvent.Type, Counter> consumed =
      new EnumMap<>(ConnectionEvent.Type.class);
  private final Counter invalid;
  private final Counter stale;
  private final Timer lag;

  public ConsumerMetrics(MeterRegistry meters) {
    for (ConnectionEvent.Type type : ConnectionEvent.Type.values()) {
      consumed.put(
          type,
          Counter.builder("chat.presence.events.consumed")
              .description("Connection events consumed, by type")
              .tag("type", type.name().toLowerCase(Locale.ROOT))
              .register(meters));
    }
    invalid =
        Counter.builder("chat.presence.events.invalid")
            .description("Connection events that could not be parsed (dead-lettered, skipped)")
            .register(meters);
    stale =
        Counter.builder("chat.presence.events.stale")
            .description("Connection events ignored as duplicates or late arrivals")
            .register(meters);
    lag =
        Timer.builder("chat.presence.events.lag")
            .description("From an event's timestamp to its effect in Redis")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofSeconds(60))
            .register(meters);
  }

  void consumed(ConnectionEvent.Type type) {
    consumed.get(type).increment();
  }

  void invalid() {
    invalid.increment();
  }

  void processed(ConnectionEvent event, Outcome outcome, Instant now) {
    if (outcome.stale()) {
      stale.increment();
    }
    Duration elapsed = Duration.between(event.timestamp(), now);
    lag.record(elapsed.isNegative() ? Duration.ZERO : elapsed);
  }
}
