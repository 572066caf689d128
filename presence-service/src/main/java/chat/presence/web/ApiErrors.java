package chat.presence.web;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Writes the platform's error shape: {@code {"error":{"code":"...","message":"..."}}}. */
public final class ApiErrors {

  private static final Map<Integer, String> CODES =
      Map.of(
          400, "bad_request",
          401, "unauthorized",
          403, "forbidden",
          404, "not_found",
          405, "bad_request",
          413, "too_large",
          429, "rate_limited");

  private ApiErrors() {}

  /** The error code for {@code status}; {@code internal} for anything unexpected. */
  public static String code(HttpStatusCode status) {
    return CODES.getOrDefault(status.value(), "internal");
  }

  /** Writes an error response unless one was already committed. */
  public static Mono<Void> write(
      ServerWebExchange exchange, HttpStatusCode status, String message) {
    var response = exchange.getResponse();
    if (response.isCommitted()) {
      return Mono.empty();
    }
    response.setStatusCode(status);
    response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
    String body =
        "{\"error\":{\"code\":\"" + code(status) + "\",\"message\":\"" + escape(message) + "\"}}";
    DataBuffer buffer = response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8));
    return response.writeWith(Mono.just(buffer));
  }

  static String reason(HttpStatusCode status) {
    HttpStatus known = HttpStatus.resolve(status.value());
    return known == null ? "Error" : known.getReasonPhrase();
  }

  private static String escape(String message) {
    return message.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
