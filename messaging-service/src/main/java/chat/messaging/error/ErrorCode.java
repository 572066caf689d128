package chat.messaging.error;

import org.springframework.http.HttpStatus;

/** The error codes of the contract, with the HTTP status each maps to. */
public enum ErrorCode {
  BAD_REQUEST("bad_request", HttpStatus.BAD_REQUEST),
  UNAUTHORIZED("unauthorized", HttpStatus.UNAUTHORIZED),
  FORBIDDEN("forbidden", HttpStatus.FORBIDDEN),
  NOT_FOUND("not_found", HttpStatus.NOT_FOUND),
  RATE_LIMITED("rate_limited", HttpStatus.TOO_MANY_REQUESTS),
  TOO_LARGE("too_large", HttpStatus.PAYLOAD_TOO_LARGE),
  INTERNAL("internal", HttpStatus.INTERNAL_SERVER_ERROR);

  private final String code;
  private final HttpStatus status;

  ErrorCode(String code, HttpStatus status) {
    this.code = code;
    this.status = status;
  }

  /** The wire form, e.g. {@code not_found}. */
  public String code() {
    return code;
  }

  public HttpStatus status() {
    return status;
  }
}
