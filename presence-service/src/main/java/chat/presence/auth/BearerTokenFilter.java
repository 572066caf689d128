package chat.presence.auth;

import chat.events.auth.AuthenticatedUser;
import chat.events.auth.InvalidTokenException;
import chat.events.auth.JwtTokens;
import chat.presence.web.ApiErrors;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Requires {@code Authorization: Bearer <jwt>} on {@code /api/**}, verified with the shared {@link
 * JwtTokens}; the caller is then available as the exchange attribute {@link #USER}. Actuator
 * endpoints stay open for probes and scraping.
 */
final class BearerTokenFilter implements WebFilter, Ordered {

  /** Exchange attribute holding the {@link AuthenticatedUser}. */
  static final String USER = AuthenticatedUser.class.getName();

  private final JwtTokens tokens;

  BearerTokenFilter(JwtTokens tokens) {
    this.tokens = tokens;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    if (!exchange.getRequest().getPath().value().startsWith("/api/")) {
      return chain.filter(exchange);
    }
    String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
    AuthenticatedUser user;
    try {
      user = tokens.verifyAuthorization(header);
    } catch (InvalidTokenException e) {
      return ApiErrors.write(exchange, HttpStatus.UNAUTHORIZED, "a valid bearer token is required");
    }
    exchange.getAttributes().put(USER, user);
    return chain.filter(exchange);
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE + 10;
  }
}
