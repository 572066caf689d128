package chat.messaging.auth;

import chat.events.auth.AuthenticatedUser;
import java.util.Optional;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * The caller of an {@code /api/**} request, as verified by {@link BearerTokenFilter}. Handlers of
 * authenticated paths (everything under {@code /api/} except {@code /api/auth/}) can rely on it
 * being present: a request without a valid bearer token never reaches them.
 *
 * <pre>{@code
 * Mono<ServerResponse> rooms(ServerRequest request) {
 *   AuthenticatedUser caller = CurrentUser.from(request);
 *   ...
 * }
 * }</pre>
 */
public final class CurrentUser {

  /** The exchange attribute under which the filter stores the {@link AuthenticatedUser}. */
  public static final String ATTRIBUTE = CurrentUser.class.getName();

  private CurrentUser() {}

  /**
   * The verified caller.
   *
   * @throws IllegalStateException if the request did not pass the token filter (a handler outside
   *     {@code /api/}, or under {@code /api/auth/}); a programming error, answered with 500
   */
  public static AuthenticatedUser from(ServerWebExchange exchange) {
    return find(exchange)
        .orElseThrow(() -> new IllegalStateException("no authenticated user on this request"));
  }

  /** Same as {@link #from(ServerWebExchange)}, for functional endpoints. */
  public static AuthenticatedUser from(ServerRequest request) {
    return from(request.exchange());
  }

  /** The verified caller, if the request carried a valid token. */
  public static Optional<AuthenticatedUser> find(ServerWebExchange exchange) {
    return Optional.ofNullable(exchange.getAttribute(ATTRIBUTE));
  }

  static void set(ServerWebExchange exchange, AuthenticatedUser user) {
    exchange.getAttributes().put(ATTRIBUTE, user);
  }
}
