package chat.presence.activity;

import chat.events.ActivityEvent;
import chat.events.EventJson;
import chat.presence.BackgroundPipeline;
import chat.presence.RateLimitedLog;
import chat.presence.kafka.KafkaOutbound;
import chat.presence.kafka.OutboundRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

/**
 * Sends activity events to Kafka without ever holding up presence processing: events wait in a
 * bounded buffer and are dropped, and counted, when it is full or Kafka refuses them.
 */
public final class ActivityPublisher extends BackgroundPipeline {

  private static final RateLimitedLog log =
      new RateLimitedLog(LoggerFactory.getLogger(ActivityPublisher.class), Duration.ofSeconds(30));

  private final KafkaOutbound kafka;
  private final String topic;
  private final Sinks.Many<ActivityEvent> buffer;
  private final Counter overflow;
  private final Counter failed;

  public ActivityPublisher(KafkaOutbound kafka, String topic, int capacity, MeterRegistry meters) {
    this.kafka = kafka;
    this.topic = topic;
    // Multicast with autoCancel off: the sink outlives a failed sender pipeline, which
    // resubscribes.
    this.buffer = Sinks.many().multicast().onBackpressureBuffer(capacity, false);
    this.overflow = dropped(meters, "overflow");
    this.failed = dropped(meters, "failed");
  }

  /** Queues {@code event} for Kafka; never blocks. */
  public void publish(ActivityEvent event) {
    Sinks.EmitResult result;
    // Emitters run on several threads; the sink needs serialized calls.
    synchronized (buffer) {
      result = buffer.tryEmitNext(event);
    }
    if (result.isFailure()) {
      overflow.increment();
      log.warn("Activity buffer full or closed ({}): presence_changed events dropped", result);
    }
  }

  @Override
  protected Disposable run() {
    return kafka
        .send(buffer.asFlux().map(this::toRecord))
        .retryWhen(
            Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1))
                .maxBackoff(Duration.ofSeconds(30))
                .doBeforeRetry(
                    signal ->
                        log.warn(
                            "Activity sender failed, restarting: {}", signal.failure().toString())))
        .subscribe(
            sent -> {
              if (!sent) {
                failed.increment();
                log.warn("Kafka refused activity events; they are dropped");
              }
            });
  }

  private OutboundRecord toRecord(ActivityEvent event) {
    return new OutboundRecord(topic, event.userId(), EventJson.write(event), null);
  }

  private static Counter dropped(MeterRegistry meters, String reason) {
    return Counter.builder("chat.presence.activity.dropped")
        .description("presence_changed activity events that never reached Kafka")
        .tag("reason", reason)
        .register(meters);
  }
}
