package chat.presence.auth;

import chat.events.auth.JwtTokens;
import chat.presence.PresenceProperties;
import java.time.Clock;
import java.util.Arrays;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class AuthConfiguration {

  @Bean
  JwtTokens jwtTokens(PresenceProperties properties, Environment environment) {
    String secret = properties.auth().jwtSecret();
    boolean prod = Arrays.asList(environment.getActiveProfiles()).contains("prod");
    if (prod && (secret == null || PresenceProperties.Auth.DEV_SECRET.equals(secret))) {
      throw new IllegalStateException(
          "JWT_SECRET must be set to a secret of at least 32 bytes in the prod profile");
    }
    // Refuses secrets shorter than 32 bytes in every profile.
    return JwtTokens.fromSecret(secret, Clock.systemUTC());
  }

  @Bean
  BearerTokenFilter bearerTokenFilter(JwtTokens tokens) {
    return new BearerTokenFilter(tokens);
  }
}
