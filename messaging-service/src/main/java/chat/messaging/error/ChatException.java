package chat.messaging.error;

/**
 * A request the chat layer refuses, with a code and a message that are safe to show to the client.
 * Thrown (or signalled) by every feature package and mapped at the edge: to an error ack on the
 * socket, to an error body over HTTP. Carries no stack trace: it is an answer, not a bug.
 */
public final class ChatException extends RuntimeException {

  private final ErrorCode code;

  public ChatException(ErrorCode code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }

  public static ChatException badRequest(String message) {
    return new ChatException(ErrorCode.BAD_REQUEST, message);
  }

  public static ChatException notFound(String message) {
    return new ChatException(ErrorCode.NOT_FOUND, message);
  }

  public static ChatException forbidden(String message) {
    return new ChatException(ErrorCode.FORBIDDEN, message);
  }
}
