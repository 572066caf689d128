package chat.messaging.connection;

/**
 * A token bucket: {@code ratePerSecond} tokens per second, at most {@code capacity} saved up.
 * Thread-safe; uncontended in practice (one per socket).
 */
public final class TokenBucket {

  private final double ratePerNano;
  private final double capacity;
  private double tokens;
  private long refilledAt;

  public TokenBucket(double ratePerSecond, double capacity, long nowNanos) {
    this.ratePerNano = ratePerSecond / 1e9;
    this.capacity = capacity;
    this.tokens = capacity;
    this.refilledAt = nowNanos;
  }

  /** Takes one token if there is one. */
  public synchronized boolean tryTake(long nowNanos) {
    long elapsed = Math.max(0, nowNanos - refilledAt);
    tokens = Math.min(capacity, tokens + elapsed * ratePerNano);
    refilledAt = nowNanos;
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }
}
