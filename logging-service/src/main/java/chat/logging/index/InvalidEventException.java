package chat.logging.index;

/** A record that can never become a log document; the message says why (for the dead letter). */
public final class InvalidEventException extends RuntimeException {

  /** {@code unparseable} (not an ActivityEvent) or {@code invalid} (unusable field values). */
  private final String reason;

  InvalidEventException(String reason, String detail) {
    super(detail, null, false, false);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
