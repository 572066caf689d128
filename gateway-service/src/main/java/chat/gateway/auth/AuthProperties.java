package chat.gateway.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Token settings of the gateway.
 *
 * @param jwtSecret the HS256 secret shared by every service ({@code JWT_SECRET}, at least 32
 *     bytes); the gateway only verifies tokens, messaging-service issues them
 */
@ConfigurationProperties("chat.auth")
public record AuthProperties(String jwtSecret) {}
