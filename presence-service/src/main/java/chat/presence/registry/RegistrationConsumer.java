package chat.presence.registry;

import chat.events.ActivityEvent;
import chat.events.ActivityType;
import chat.events.EventJson;
import chat.events.UserIds;
import chat.presence.BackgroundPipeline;
import chat.presence.PresenceProperties;
import chat.presence.kafka.InboundRecord;
import chat.presence.kafka.KafkaInbound;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.core.JacksonException;

/**
 * Puts users into the registry, offline, as soon as they register: reads {@code user_registered}
 * from the activity topic with a consumer group of its own. Everything else on that topic is
 * skipped cheaply, without parsing.
 */
public final class RegistrationConsumer extends BackgroundPipeline {

  private static final Logger log = LoggerFactory.getLogger(RegistrationConsumer.class);
  private static final byte[] MARKER =
      ("\"" + ActivityType.USER_REGISTERED + "\"").getBytes(StandardCharsets.UTF_8);

  private final KafkaInbound kafka;
  private final UserRegistry registry;
  private final PresenceProperties.Kafka settings;
  private final Counter registered;

  public RegistrationConsumer(
      KafkaInbound kafka,
      UserRegistry registry,
      PresenceProperties.Kafka settings,
      MeterRegistry meters) {
    this.kafka = kafka;
    this.registry = registry;
    this.settings = settings;
    this.registered =
        Counter.builder("chat.presence.registrations")
            .description("Users added to the registry from user_registered events")
            .register(meters);
  }

  /** Processes records until cancelled; resubscribes after consumer failures. */
  Flux<Void> pipeline() {
    return kafka
        .receive(settings.activityTopic(), settings.registrationGroupId())
        .concatMap(record -> register(record).doOnSuccess(done -> record.acknowledge().run()), 256)
        .retryWhen(
            Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1))
                .maxBackoff(Duration.ofSeconds(30))
                .doBeforeRetry(
                    signal ->
                        log.warn(
                            "Registration consumer failed, restarting: {}",
                            signal.failure().toString())));
  }

  private Mono<Void> register(InboundRecord record) {
    if (record.value() == null || !contains(record.value(), MARKER)) {
      return Mono.empty();
    }
    ActivityEvent event;
    try {
      event = EventJson.read(record.value(), ActivityEvent.class);
    } catch (JacksonException | NullPointerException e) {
      return Mono.empty();
    }
    if (!ActivityType.USER_REGISTERED.equals(event.eventType())
        || !UserIds.isValid(event.userId())) {
      return Mono.empty();
    }
    return registry
        .registerOffline(event.userId(), event.timestamp())
        .doOnNext(
            added -> {
              if (added) {
                registered.increment();
              }
            })
        .retryWhen(
            Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(5)))
        .then();
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  @Override
  protected Disposable run() {
    return pipeline().subscribe();
  }
}
