package chat.messaging.error;

/**
 * The contract's error shape: {@code {error: {code, message}}} over HTTP, and the {@code error}
 * member of a failed ack.
 */
public record ErrorBody(Detail error) {

  /** The {@code {code, message}} pair. */
  public record Detail(String code, String message) {}

  public static ErrorBody of(ErrorCode code, String message) {
    return new ErrorBody(new Detail(code.code(), message));
  }
}
