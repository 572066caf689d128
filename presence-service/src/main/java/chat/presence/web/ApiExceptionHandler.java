package chat.presence.web;

import chat.presence.RateLimitedLog;
import java.time.Duration;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Maps every error of an HTTP request to the platform's error shape, ahead of Boot's default
 * handler, so that no stack trace or class name reaches a client.
 */
@Component
@Order(-2)
class ApiExceptionHandler implements WebExceptionHandler {

  private static final RateLimitedLog log =
      new RateLimitedLog(
          LoggerFactory.getLogger(ApiExceptionHandler.class), Duration.ofSeconds(10));

  @Override
  public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
    HttpStatusCode status =
        error instanceof ResponseStatusException e
            ? e.getStatusCode()
            : HttpStatus.INTERNAL_SERVER_ERROR;
    if (status.is5xxServerError()) {
      log.warn("Request failed: {}", error.toString());
      return ApiErrors.write(exchange, status, "internal error");
    }
    return ApiErrors.write(exchange, status, ApiErrors.reason(status));
  }
}
