package chat.stack;

/**
 * A piece of infrastructure that a chaos test (or the local stack) may stop and start again: same
 * port, same data. {@link #close()} stops it for good and deletes what it owns in {@code /tmp}.
 */
public interface Restartable extends AutoCloseable {

  /** Starts it and returns once it answers; a no-op when it runs already. */
  void start();

  /** Stops it (SIGTERM, clean shutdown) and returns once the process is gone. */
  void stop();

  /** Whether its process is alive (started and not stopped or crashed). */
  boolean isRunning();

  /** The operating-system pid of its process, or -1 when it does not run. */
  long pid();

  /** Stops it and removes its temporary files. Idempotent. */
  @Override
  void close();
}
