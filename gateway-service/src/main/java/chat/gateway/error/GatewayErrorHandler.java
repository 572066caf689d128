package chat.gateway.error;

import io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
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
 * Turns every error that reaches the top of the gateway (no route, upstream down or slow, bugs)
 * into the contract's error body. Runs before Spring Boot's default handler (order -1), whose
 * bodies would name exceptions and paths.
 */
@Component
@Order(-2)
class GatewayErrorHandler implements WebExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(GatewayErrorHandler.class);

  @Override
  public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
    if (exchange.getResponse().isCommitted()) {
      return Mono.error(error);
    }
    HttpStatusCode status = statusOf(error);
    if (status.value() == 500) {
      log.warn("unexpected error on {} {}", exchange.getRequest().getMethod(), error.toString());
    }
    return ErrorBodies.write(exchange.getResponse(), status, messageFor(status));
  }

  static HttpStatusCode statusOf(Throwable error) {
    for (Throwable e = error; e != null; e = e.getCause()) {
      if (e instanceof ResponseStatusException rse) {
        return rse.getStatusCode();
      }
      if (e instanceof ConnectException || e instanceof ConnectTimeoutException) {
        return HttpStatus.SERVICE_UNAVAILABLE;
      }
      if (e instanceof TimeoutException) {
        return HttpStatus.GATEWAY_TIMEOUT;
      }
    }
    return HttpStatus.INTERNAL_SERVER_ERROR;
  }

  static String messageFor(HttpStatusCode status) {
    return switch (status.value()) {
      case 400 -> "bad request";
      case 401 -> "a valid bearer token is required";
      case 403 -> "forbidden";
      case 404 -> "not found";
      case 405 -> "method not allowed";
      case 413 -> "request too large";
      case 415 -> "unsupported media type";
      case 429 -> "too many requests";
      case 502, 503 -> "service unavailable, retry shortly";
      case 504 -> "upstream timed out";
      default -> status.is4xxClientError() ? "bad request" : "internal error";
    };
  }
}
