package chat.gateway.browser;

import chat.gateway.error.ErrorBodies;
import java.time.Duration;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsProcessor;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * CORS for {@code /api/**}, only for {@link BrowserProperties#clientUrls()}: bearer tokens, no
 * cookies, so no credentials mode. It runs before the token check, so that even a 401 or 429
 * carries the CORS headers the SPA needs to read it. A cross-origin request from any other origin
 * gets 403 in the contract's shape. Same-origin requests (the SPA served by the gateway) pass
 * untouched: the origin's host and port equal the {@code Host} header, whatever the scheme, so that
 * a browser's {@code https://} origin matches behind a TLS-terminating ingress.
 */
@Component
class CorsFilter implements WebFilter, Ordered {

  static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

  private final CorsConfiguration api;
  private final CorsProcessor processor = new DefaultCorsProcessor();

  CorsFilter(BrowserProperties properties) {
    api = new CorsConfiguration();
    api.setAllowedOrigins(properties.clientUrls());
    api.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE"));
    api.setAllowedHeaders(List.of("Authorization", "Content-Type"));
    api.setExposedHeaders(List.of("Retry-After"));
    api.setAllowCredentials(false);
    api.setMaxAge(Duration.ofHours(1));
  }

  @Override
  public int getOrder() {
    return ORDER;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    String path = exchange.getRequest().getPath().pathWithinApplication().value();
    HttpHeaders headers = exchange.getRequest().getHeaders();
    if (!path.startsWith("/api/") || headers.getOrigin() == null || isSameOrigin(headers)) {
      return chain.filter(exchange);
    }
    if (!processor.process(api, exchange)) {
      return ErrorBodies.write(exchange.getResponse(), HttpStatus.FORBIDDEN, "origin not allowed");
    }
    if (CorsUtils.isPreFlightRequest(exchange.getRequest())) {
      return Mono.empty();
    }
    return chain.filter(exchange);
  }

  /** The SPA served by the gateway itself, also behind a TLS-terminating proxy. */
  private static boolean isSameOrigin(HttpHeaders headers) {
    String origin = Origins.normalizedOrigin(headers);
    return origin != null && Origins.isSameOrigin(origin, headers);
  }
}
