package chat.events.auth;

import java.time.Instant;
import java.util.Set;

/**
 * The identity a verified token carries.
 *
 * @param userId the token's subject
 * @param roles e.g. {@link #ADMIN}
 * @param expiresAt after this instant the token is no longer accepted
 */
public record AuthenticatedUser(String userId, Set<String> roles, Instant expiresAt) {

  /** Role of the user names listed in {@code ADMIN_USERS}. */
  public static final String ADMIN = "admin";

  public AuthenticatedUser {
    roles = Set.copyOf(roles);
  }

  public boolean isAdmin() {
    return roles.contains(ADMIN);
  }
}
