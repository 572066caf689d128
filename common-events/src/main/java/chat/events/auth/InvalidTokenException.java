package chat.events.auth;

/** A token that must not be accepted; the message says why, for logs, never for clients. */
public final class InvalidTokenException extends RuntimeException {

  InvalidTokenException(String reason) {
    super(reason, null, false, false);
  }
}
