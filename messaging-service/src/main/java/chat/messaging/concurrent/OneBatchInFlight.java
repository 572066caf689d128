package chat.messaging.concurrent;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Items added from any thread, written in batches one at a time: what arrives while a batch is
 * being written forms the next (at most {@code maxBatch} items), in arrival order. An idle instance
 * writes an item at once.
 *
 * @param <T> the items
 */
public final class OneBatchInFlight<T> {

  private static final Logger log = LoggerFactory.getLogger(OneBatchInFlight.class);

  private final int maxBatch;
  private final Function<List<T>, Mono<Void>> write;
  private final Queue<T> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean inFlight = new AtomicBoolean();

  /**
   * @param write writes one batch; the next starts once its Mono terminates. It should handle its
   *     own errors: one that escapes is logged as a bug.
   */
  public OneBatchInFlight(int maxBatch, Function<List<T>, Mono<Void>> write) {
    this.maxBatch = maxBatch;
    this.write = write;
  }

  public void add(T item) {
    queue.add(item);
    drain();
  }

  /** True when nothing is queued or being written. */
  public boolean idle() {
    return !inFlight.get() && queue.isEmpty();
  }

  private void drain() {
    if (!inFlight.compareAndSet(false, true)) {
      return;
    }
    List<T> batch = new ArrayList<>();
    for (T item; batch.size() < maxBatch && (item = queue.poll()) != null; ) {
      batch.add(item);
    }
    if (batch.isEmpty()) {
      inFlight.set(false);
      if (!queue.isEmpty()) {
        drain(); // added after the poll, before the flag was cleared
      }
      return;
    }
    Mono.defer(() -> write.apply(batch))
        .doFinally(
            signal -> {
              inFlight.set(false);
              drain();
            })
        .subscribe(null, e -> log.error("a batch write failed unexpectedly", e));
  }
}
