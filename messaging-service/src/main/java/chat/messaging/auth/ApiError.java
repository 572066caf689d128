package chat.messaging.auth;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The HTTP error body of the contract: {@code {"error": {"code": "...", "message": "..."}}}. The
 * message is for humans and must never carry stack traces, class names or internal details.
 *
 * @param code one of {@code bad_request, unauthorized, forbidden, not_found, rate_limited,
 *     too_large, internal}
 * @param message a short, client-safe explanation
 */
public record ApiError(String code, String message) {

  /** The JSON body, {@code {error: {code, message}}}. */
  public Map<String, Map<String, String>> body() {
    return Map.of("error", Map.of("code", code, "message", message));
  }

  /** A functional-endpoint response with {@code status} and this body. */
  public Mono<ServerResponse> respond(HttpStatus status) {
    return ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON).bodyValue(body());
  }

  public static ApiError badRequest(String message) {
    return new ApiError("bad_request", message);
  }

  public static ApiError unauthorized(String message) {
    return new ApiError("unauthorized", message);
  }

  public static ApiError forbidden(String message) {
    return new ApiError("forbidden", message);
  }

  public static ApiError notFound(String message) {
    return new ApiError("not_found", message);
  }
}
