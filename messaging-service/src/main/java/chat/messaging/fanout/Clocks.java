package chat.messaging.fanout;

import java.time.Instant;

/** Wall-clock time in microseconds, comparable across replicas on synchronized hosts. */
public final class Clocks {

  private Clocks() {}

  public static long epochMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }
}
