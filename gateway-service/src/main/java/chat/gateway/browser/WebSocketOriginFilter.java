package chat.gateway.browser;

import chat.gateway.error.ErrorBodies;
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
    if (headers.getOrigin() == null) {
      return properties.allowMissingOrigin();
    }
    String origin = Origins.normalizedOrigin(headers); // null for "null", garbage, other schemes
    return origin != null
        && (properties.clientUrls().contains(origin) || Origins.isSameOrigin(origin, headers));
  }
}
