package chat.gateway.auth;

import chat.events.auth.AuthenticatedUser;
import java.util.Optional;
import org.springframework.web.server.ServerWebExchange;

/** The identity {@link BearerTokenFilter} verified for this request, if any. */
public final class Caller {

  static final String ATTRIBUTE = Caller.class.getName();

  private Caller() {}

  /** The verified caller of an authenticated {@code /api/**} request. */
  public static Optional<AuthenticatedUser> of(ServerWebExchange exchange) {
    return Optional.ofNullable(exchange.getAttribute(ATTRIBUTE));
  }
}
