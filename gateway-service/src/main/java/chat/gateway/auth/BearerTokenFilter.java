package chat.gateway.auth;

import chat.events.auth.InvalidTokenException;
import chat.events.auth.JwtTokens;
import chat.gateway.error.ErrorBodies;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Rejects {@code /api/**} requests (except {@code /api/auth/**} and CORS preflights) without a
 * valid bearer token with 401, before any routing or rate limiting. The token itself is forwarded
 * unchanged: every service verifies it again, the gateway is a first line, not the only one.
 */
@Component
class BearerTokenFilter implements WebFilter, Ordered {

  /** After CORS and inbound header cleaning, before the WebSocket origin check and routing. */
  static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 40;

  private final JwtTokens tokens;

  BearerTokenFilter(JwtTokens tokens) {
    this.tokens = tokens;
  }

  @Override
  public int getOrder() {
    return ORDER;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    String path = exchange.getRequest().getPath().pathWithinApplication().value();
    if (!requiresToken(path) || CorsUtils.isPreFlightRequest(exchange.getRequest())) {
      return chain.filter(exchange);
    }
    try {
      String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
      exchange.getAttributes().put(Caller.ATTRIBUTE, tokens.verifyAuthorization(authorization));
    } catch (InvalidTokenException e) {
      exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
      return ErrorBodies.write(
          exchange.getResponse(), HttpStatus.UNAUTHORIZED, "a valid bearer token is required");
    }
    return chain.filter(exchange);
  }

  /** Everything under {@code /api/} except the account endpoints under {@code /api/auth/}. */
  static boolean requiresToken(String path) {
    boolean api = path.equals("/api") || path.startsWith("/api/");
    boolean auth = path.equals("/api/auth") || path.startsWith("/api/auth/");
    return api && !auth;
  }
}
