package chat.gateway.auth;

import chat.events.auth.JwtTokens;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class AuthConfiguration {

  @Bean
  JwtTokens jwtTokens(AuthProperties properties, Environment environment) {
    boolean prod = Arrays.asList(environment.getActiveProfiles()).contains("prod");
    String secret = properties.jwtSecret();
    if (prod
        && (secret == null
            || AuthProperties.DEV_SECRET.equals(secret)
            || secret.getBytes(StandardCharsets.UTF_8).length < JwtTokens.MIN_SECRET_BYTES)) {
      throw new IllegalStateException(
          "JWT_SECRET must be set to a secret of at least 32 bytes in the prod profile");
    }
    return JwtTokens.fromSecret(secret, Clock.systemUTC());
  }
}
