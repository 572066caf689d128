package chat.logging.web;

import chat.events.EventJson;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.transport.TransportException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Renders every failure as {@code {"error": {"code", "message"}}} with the matching status, ahead
 * of Spring Boot's own error page (which has another shape). No stack trace or class name reaches
 * the client; unexpected failures are logged here, once.
 */
@Component
@Order(-2)
class ApiErrorHandler implements WebExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

  @Override
  public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
    ServerHttpResponse response = exchange.getResponse();
    if (response.isCommitted()) {
      return Mono.error(failure);
    }
    Rendered error = render(failure);
    response.setStatusCode(error.status());
    response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
    response.getHeaders().set(HttpHeaders.CACHE_CONTROL, "no-store");
    byte[] body = EventJson.write(new Body(new Detail(error.code(), error.message())));
    return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
  }

  private static Rendered render(Throwable failure) {
    if (failure instanceof ApiException api) {
      return new Rendered(api.status(), api.code(), api.getMessage());
    }
    if (failure instanceof ServerWebInputException input) {
      String reason = input.getReason() == null ? "invalid request" : input.getReason();
      return new Rendered(HttpStatus.BAD_REQUEST, "bad_request", reason);
    }
    if (failure instanceof ResponseStatusException status) {
      return fromStatus(status.getStatusCode());
    }
    if (isSearchBackendFailure(failure)) {
      log.warn("Elasticsearch query failed: {}", failure.toString());
      return new Rendered(
          HttpStatus.SERVICE_UNAVAILABLE,
          "internal",
          "the activity log is unavailable, try again later");
    }
    log.error("Unexpected failure", failure);
    return new Rendered(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "internal error");
  }

  private static Rendered fromStatus(HttpStatusCode status) {
    return switch (status.value()) {
      case 401 -> new Rendered(status, "unauthorized", "authentication required");
      case 403 -> new Rendered(status, "forbidden", "not allowed");
      case 404 -> new Rendered(status, "not_found", "no such resource");
      case 413 -> new Rendered(status, "too_large", "request too large");
      case 429 -> new Rendered(status, "rate_limited", "too many requests");
      default ->
          status.is4xxClientError()
              ? new Rendered(status, "bad_request", "request not supported")
              : new Rendered(status, "internal", "internal error");
    };
  }

  private static boolean isSearchBackendFailure(Throwable failure) {
    for (Throwable e = failure; e != null; e = e.getCause()) {
      if (e instanceof ElasticsearchException
          || e instanceof TransportException
          || e instanceof TimeoutException
          || e instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  private record Rendered(HttpStatusCode status, String code, String message) {}

  /** The contract's error shape: {@code {"error": {"code", "message"}}}. */
  private record Body(Detail error) {}

  private record Detail(String code, String message) {}
}
