package chat.messaging.auth;

import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token settings, bound from {@code JWT_SECRET} and {@code ADMIN_USERS}.
 *
 * @param jwtSecret the HS256 secret shared by every service (at least 32 bytes)
 * @param adminUsers user names that get the {@code admin} role, compared without regard to case
 * @param tokenTtl how long an issued token stays valid
 */
@ConfigurationProperties("chat.auth")
public record AuthProperties(
    String jwtSecret, Set<String> adminUsers, @DefaultValue("12h") Duration tokenTtl) {

  /** The secret the local configuration falls back to; refused in the {@code prod} profile. */
  public static final String DEV_SECRET = "dev-only-insecure-jwt-secret-0123456789abcdef";

  public AuthProperties {
    adminUsers = adminUsers == null ? Set.of() : Set.copyOf(adminUsers);
  }
}
