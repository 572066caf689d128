package chat.stack.process;

import chat.stack.Restartable;
import java.time.Duration;

/**
 * The part of a {@link Restartable} that is the same for every component run as an operating-system
 * process: which process is current, whether it is alive, and how it stops. Subclasses launch the
 * process in {@link #start()} and {@link #attach} it under this object's lock.
 */
public abstract class ProcessBacked implements Restartable {

  private final Duration stopTimeout;
  private ManagedProcess process;

  /**
   * @param stopTimeout how long a clean shutdown (SIGTERM) may take before the process is killed
   */
  protected ProcessBacked(Duration stopTimeout) {
    this.stopTimeout = stopTimeout;
  }

  /** Makes {@code started} the current process. */
  protected final synchronized void attach(ManagedProcess started) {
    process = started;
  }

  /** Whether {@code candidate} is still the current process (not stopped or replaced since). */
  protected final synchronized boolean isCurrent(ManagedProcess candidate) {
    return process == candidate;
  }

  @Override
  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  @Override
  public synchronized long pid() {
    return isRunning() ? process.pid() : -1;
  }

  @Override
  public void stop() {
    ManagedProcess running;
    synchronized (this) {
      running = process;
      process = null;
    }
    // Outside the lock: a start() waiting for readiness must not block the stop.
    if (running != null) {
      running.stop(stopTimeout);
    }
  }

  @Override
  public void close() {
    stop();
  }
}
