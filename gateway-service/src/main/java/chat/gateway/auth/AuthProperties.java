package chat.gateway.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Token settings of the gateway.
 *
 * @param jwtSecret the HS256 secret shared by every service ({@code JWT_SECRET}, at least 32
 *     bytes); the gateway only verifies tokens, messaging-service issues them
 */
@ConfigurationProperties("chat.auth")
public record AuthProperties(String jwtSecret) {

  /** The secret the local configuration falls back to; refused in the {@code prod} profile. */
  public static final String DEV_SECRET = "dev-only-insecure-jwt-secret-0123456789abcdef";
}
