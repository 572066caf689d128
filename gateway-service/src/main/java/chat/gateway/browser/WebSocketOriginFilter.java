package chat.gateway.browser;

import chat.gateway.error.ErrorBodies;
import java.util.Locale;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Stops cross-site WebSocket hijacking: browsers let any page open a WebSocket to any host (no CORS
 * applies), so a WebSocket upgrade on {@code /socket.io/} is refused with 403 unless its {@code
 * Origin} is one of {@link BrowserProperties#clientUrls()} or the gateway's own origin (the origin
 * whose host and port are the request's {@code Host}). A missing {@code Origin} (non-browser
 * clients) is allowed unless {@link BrowserProperties#allowMissingOrigin()} is off; {@code Origin:
 * null} (sandboxed frames, file pages) is refused.
 */
@Component
class WebSocketOriginFilter implements WebFilter, Ordered {

  static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 30;

  private final BrowserProperties properties;

  WebSocketOriginFilter(BrowserProperties properties) {
    this.properties = properties;
  }

  @Override
  public int getOrder() {
    return ORDER;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    ServerHttpRequest request = exchange.getRequest();
    if (!isWebSocketUpgrade(request) || isAllowed(request.getHeaders())) {
      return chain.filter(exchange);
    }
    return ErrorBodies.write(exchange.getResponse(), HttpStatus.FORBIDDEN, "origin not allowed");
  }

  static boolean isWebSocketUpgrade(ServerHttpRequest request) {
    String upgrade = request.getHeaders().getUpgrade();
    return upgrade != null && upgrade.trim().equalsIgnoreCase("websocket");
  }

  boolean isAllowed(HttpHeaders headers) {
    String origin = headers.getOrigin();
    if (origin == null) {
      return properties.allowMissingOrigin();
    }
    String normalized;
    try {
      normalized = BrowserProperties.origin(origin);
    } catch (IllegalArgumentException e) {
      return false; // "null", garbage, non-http schemes
    }
    return properties.clientUrls().contains(normalized) || isSameOrigin(normalized, headers);
  }

  /** Whether {@code origin}'s host and port are those the client addressed (the Host header). */
  static boolean isSameOrigin(String origin, HttpHeaders headers) {
    String host = headers.getFirst(HttpHeaders.HOST);
    if (host == null || host.isBlank()) {
      return false;
    }
    boolean https = origin.startsWith("https://");
    String hostPort = host.trim().toLowerCase(Locale.ROOT);
    if (https && hostPort.endsWith(":443")) {
      hostPort = hostPort.substring(0, hostPort.length() - 4);
    } else if (!https && hostPort.endsWith(":80")) {
      hostPort = hostPort.substring(0, hostPort.length() - 3);
    }
    return origin.equals((https ? "https://" : "http://") + hostPort);
  }
}
