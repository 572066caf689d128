package chat.messaging.fanout;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deliveries waiting for one event loop, run in posting order by one task at a time. Under load
 * several deliveries wait for the same task, so a socket gets several frames in a row and Reactor
 * Netty flushes them with one write; a quiet loop runs each delivery at once.
 */
final class LoopMailbox implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(LoopMailbox.class);

  /** Deliveries per task before the loop gets back to its own I/O (then a new task follows). */
  static final int MAX_PER_RUN = 64;

  private final Executor loop;
  private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();

  LoopMailbox(Executor loop) {
    this.loop = loop;
  }

  void post(Runnable delivery) {
    queue.add(delivery);
    schedule();
  }

  @Override
  public void run() {
    scheduled.set(false);
    for (int i = 0; i < MAX_PER_RUN; i++) {
      Runnable delivery = queue.poll();
      if (delivery == null) {
        return;
      }
      try {
        delivery.run();
      } catch (RuntimeException e) {
        log.warn("a delivery failed", e);
      }
    }
    if (!queue.isEmpty()) {
      schedule();
    }
  }

  private void schedule() {
    if (scheduled.compareAndSet(false, true)) {
      try {
        loop.execute(this);
      } catch (RejectedExecutionException e) {
        // The loop is shutting down with its connections: nobody left to deliver to.
        queue.clear();
      }
    }
  }
}
