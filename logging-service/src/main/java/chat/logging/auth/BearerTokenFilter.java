package chat.logging.auth;

import chat.events.auth.AuthenticatedUser;
import chat.events.auth.InvalidTokenException;
import chat.events.auth.JwtTokens;
import chat.logging.web.ApiException;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Guards {@code /api/**}: a valid {@code Authorization: Bearer <jwt>} is required (401 otherwise),
 * and {@code /api/analytics/**} also requires the admin role (403). The verified identity is left
 * in the exchange for controllers ({@link CallerArgumentResolver}). Actuator endpoints stay open
 * for probes and Prometheus.
 */
final class BearerTokenFilter implements WebFilter {

  static final String CALLER = BearerTokenFilter.class.getName() + ".caller";

  private final JwtTokens tokens;

  BearerTokenFilter(JwtTokens tokens) {
    this.tokens = tokens;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    String path = exchange.getRequest().getPath().pathWithinApplication().value();
    if (!path.startsWith("/api/")) {
      return chain.filter(exchange);
    }
    AuthenticatedUser caller;
    try {
      caller = authenticate(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
    } catch (ApiException e) {
      return Mono.error(e);
    }
    if (path.startsWith("/api/analytics/") && !caller.isAdmin()) {
      return Mono.error(ApiException.forbidden("the analytics API is for admins only"));
    }
    exchange.getAttributes().put(CALLER, caller);
    return chain.filter(exchange);
  }

  private AuthenticatedUser authenticate(String authorization) {
    try {
      return tokens.verifyAuthorization(authorization);
    } catch (InvalidTokenException e) {
      throw ApiException.unauthorized("a valid bearer token is required");
    }
  }
}
