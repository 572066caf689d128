package chat.stack.process;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a readiness condition with a deadline, failing early when the process died. */
public final class Await {

  private static final Duration POLL = Duration.ofMillis(100);

  private Await() {}

  /**
   * Returns once {@code ready} holds; throws if {@code process} exits first or after {@code
   * timeout}, quoting the end of its log.
   */
  public static void until(
      String what, Duration timeout, ManagedProcess process, BooleanSupplier ready) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!ready.getAsBoolean()) {
      if (process != null && !process.isAlive()) {
        throw new IllegalStateException(
            what
                + " exited before it was ready. Log "
                + process.logFile()
                + ":\n"
                + process.logTail(30));
      }
      if (System.nanoTime() > deadline) {
        String log =
            process == null ? "" : " Log " + process.logFile() + ":\n" + process.logTail(30);
        throw new IllegalStateException(what + " not ready after " + timeout + "." + log);
      }
      pause();
    }
  }

  /** Whether something accepts TCP connections on {@code host:port}. */
  public static boolean listening(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void pause() {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting", e);
    }
  }
}
