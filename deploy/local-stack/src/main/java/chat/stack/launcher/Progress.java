package chat.stack.launcher;

import java.time.Duration;

/** Console lines stamped with the time since the launcher began: what starts, what is ready. */
final class Progress {

  private final long origin = System.nanoTime();

  /** Seconds since the origin, e.g. {@code 12.3}. */
  String elapsed() {
    return seconds(Duration.ofNanos(System.nanoTime() - origin));
  }

  static String seconds(Duration duration) {
    return String.format("%.1fs", duration.toMillis() / 1000.0);
  }

  synchronized void say(String message) {
    System.out.printf("[%7s] %s%n", elapsed(), message);
    System.out.flush();
  }
}
