package chat.messaging.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Records the latency of calls to one remote system ({@code chat.mongo.latency}, {@code
 * chat.redis.latency}, ...) as a histogram tagged by operation. Operation names are a small fixed
 * set chosen by the caller, never ids.
 */
public final class CallTimer {

  private final MeterRegistry registry;
  private final String name;
  private final String description;
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();

  public CallTimer(MeterRegistry registry, String name, String description) {
    this.registry = registry;
    this.name = name;
    this.description = description;
  }

  /** {@code call}, timed from subscription to its termination or cancellation. */
  public <T> Mono<T> time(String operation, Mono<T> call) {
    return Mono.defer(
        () -> {
          long start = System.nanoTime();
          return call.doFinally(signal -> record(operation, System.nanoTime() - start));
        });
  }

  /** {@code call}, timed from subscription to its termination or cancellation. */
  public <T> Flux<T> time(String operation, Flux<T> call) {
    return Flux.defer(
        () -> {
          long start = System.nanoTime();
          return call.doFinally(signal -> record(operation, System.nanoTime() - start));
        });
  }

  /** Records one call that took {@code nanos}. */
  public void record(String operation, long nanos) {
    timers
        .computeIfAbsent(
            operation,
            op ->
                Timer.builder(name)
                    .description(description)
                    .tag("operation", op)
                    .publishPercentileHistogram()
                    .register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
  }
}
