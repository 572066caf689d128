package chat.presence.status;

import chat.presence.BackgroundPipeline;
import chat.presence.PresenceProperties;
import chat.presence.RateLimitedLog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The deadlines every replica watches: expired grace periods (user goes offline), sockets without
 * heartbeat (closed, and their user offline if it was the last one), and, less often, registry
 * entries left online by lost state. Deadlines live in Redis and every claim is an atomic script,
 * so any replica may act on any deadline and a replica's death delays nothing.
 */
public final class Sweeper extends BackgroundPipeline {

  private static final RateLimitedLog log =
      new RateLimitedLog(LoggerFactory.getLogger(Sweeper.class), Duration.ofSeconds(30));
  private static final int MAX_ROUNDS = 10;

  private final PresenceStore store;
  private final Transitions transitions;
  private final PresenceProperties.Presence timing;
  private final AtomicLong online = new AtomicLong();
  private final Counter expired;

  public Sweeper(
      PresenceStore store,
      Transitions transitions,
      PresenceProperties.Presence timing,
      MeterRegistry meters) {
    this.store = store;
    this.transitions = transitions;
    this.timing = timing;
    Gauge.builder("chat.presence.online.users", online, AtomicLong::get)
        .description("Users online now (as last read from Redis)")
        .register(meters);
    this.expired =
        Counter.builder("chat.presence.connections.expired")
            .description("Sockets closed by this replica because their heartbeats stopped")
            .register(meters);
  }

  /** One pass over due grace periods and dead sockets, then a fresh read of the online count. */
  public Mono<Void> sweep() {
    return drain(store::sweepOffline, outcome -> {})
        .then(
            drain(
                store::sweepDead,
                outcome -> {
                  if (!"ignored".equals(outcome.result())) {
                    expired.increment();
                  }
                }))
        .then(store.onlineCount().doOnNext(online::set))
        .then();
  }

  /** Runs a sweep script until it finds less than a full batch (bounded per pass). */
  private Mono<Void> drain(Supplier<Mono<List<Outcome>>> sweep, Consumer<Outcome> count) {
    return Mono.defer(sweep)
        .doOnNext(
            outcomes ->
                outcomes.forEach(
                    outcome -> {
                      count.accept(outcome);
                      announce(outcome);
                    }))
        .repeat(MAX_ROUNDS)
        .takeUntil(outcomes -> outcomes.size() < timing.sweepBatch())
        .then();
  }

  /** Walks the registry and repairs entries left online without any socket or deadline. */
  public Mono<Void> reconcile() {
    return store.reconcileRegistry().then();
  }

  private void announce(Outcome outcome) {
    if (outcome.transition() != null) {
      transitions.announce(outcome.transition());
    }
  }

  @Override
  protected Disposable run() {
    return Disposables.composite(
        every(timing.sweepInterval(), this::sweep, "sweep"),
        every(timing.reconcileInterval(), this::reconcile, "reconcile"));
  }

  private static Disposable every(Duration interval, Supplier<Mono<Void>> task, String name) {
    return Flux.interval(interval)
        .onBackpressureDrop()
        .concatMap(
            tick ->
                task.get()
                    .onErrorResume(
                        e -> {
                          log.warn(
                              "Presence {} failed, retrying next time: {}", name, e.toString());
                          return Mono.empty();
                        }),
            1)
        .subscribe();
  }
}
