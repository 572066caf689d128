package chat.messaging.auth;

import chat.events.auth.InvalidTokenException;
import chat.events.auth.JwtTokens;
import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Requires a valid {@code Authorization: Bearer <jwt>} on every {@code /api/**} request except
 * {@code /api/auth/**} (register and login) and CORS preflights, and exposes the verified caller
 * through {@link CurrentUser}. Anything else gets 401 with the contract's error body. Identity
 * headers (e.g. {@code X-User-Id}) are never consulted: the token is the only source of identity.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
class BearerTokenFilter implements WebFilter {

  private static final byte[] UNAUTHORIZED =
      "{\"error\":{\"code\":\"unauthorized\",\"message\":\"a valid bearer token is required\"}}"
          .getBytes(StandardCharsets.UTF_8);

  private final JwtTokens tokens;

  BearerTokenFilter(JwtTokens tokens) {
    this.tokens = tokens;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    if (!requiresToken(exchange.getRequest().getPath().pathWithinApplication().value())
        || CorsUtils.isPreFlightRequest(exchange.getRequest())) {
      return chain.filter(exchange);
    }
    String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
    try {
      CurrentUser.set(exchange, tokens.verifyAuthorization(authorization));
    } catch (InvalidTokenException e) {
      return unauthorized(exchange.getResponse());
    }
    return chain.filter(exchange);
  }

  /** Everything under {@code /api/} except the account endpoints under {@code /api/auth/}. */
  static boolean requiresToken(String path) {
    boolean api = path.equals("/api") || path.startsWith("/api/");
    boolean auth = path.equals("/api/auth") || path.startsWith("/api/auth/");
    return api && !auth;
  }

  private static Mono<Void> unauthorized(ServerHttpResponse response) {
    response.setStatusCode(HttpStatus.UNAUTHORIZED);
    response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
    response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(UNAUTHORIZED)));
  }
}
