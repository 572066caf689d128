package chat.logging.web;

import org.springframework.http.HttpStatus;

/**
 * A failure to report to the client in the contract's error shape. The message is shown to the
 * client as is: it must say what to fix, never how the service works inside.
 */
public final class ApiException extends RuntimeException {

  private final HttpStatus status;
  private final String code;

  private ApiException(HttpStatus status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  public static ApiException badRequest(String message) {
    return new ApiException(HttpStatus.BAD_REQUEST, "bad_request", message);
  }

  public static ApiException unauthorized(String message) {
    return new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized", message);
  }

  public static ApiException forbidden(String message) {
    return new ApiException(HttpStatus.FORBIDDEN, "forbidden", message);
  }

  public HttpStatus status() {
    return status;
  }

  public String code() {
    return code;
  }
}
