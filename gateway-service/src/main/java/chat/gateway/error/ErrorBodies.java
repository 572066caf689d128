package chat.gateway.error;

import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;

/**
 * Writes the contract's error body {@code {"error": {"code": "...", "message": "..."}}}. Messages
 * are fixed, client-safe strings: never exception texts, stack traces or upstream names.
 */
public final class ErrorBodies {

  private ErrorBodies() {}

  /** The contract code for an HTTP status. */
  public static String codeFor(HttpStatusCode status) {
    return switch (status.value()) {
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      case 404 -> "not_found";
      case 413 -> "too_large";
      case 429 -> "rate_limited";
      default -> status.is4xxClientError() ? "bad_request" : "internal";
    };
  }

  /**
   * Sets {@code status} and writes the body with the code that belongs to it.
   *
   * @param message a constant, client-safe message (JSON-escaped here)
   */
  public static Mono<Void> write(
      ServerHttpResponse response, HttpStatusCode status, String message) {
    response.setStatusCode(status);
    HttpHeaders headers = response.getHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.setCacheControl("no-store");
    byte[] body = json(codeFor(status), message).getBytes(StandardCharsets.UTF_8);
    headers.setContentLength(body.length);
    return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
  }

  static String json(String code, String message) {
    return "{\"error\":{\"code\":\""
        + escape(code)
        + "\",\"message\":\""
        + escape(message)
        + "\"}}";
  }

  private static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
