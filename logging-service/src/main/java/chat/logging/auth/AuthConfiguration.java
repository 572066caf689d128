package chat.logging.auth;

import chat.events.auth.JwtTokens;
import chat.logging.LoggingProperties;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;

@Configuration(proxyBeanMethods = false)
class AuthConfiguration implements WebFluxConfigurer {

  @Bean
  JwtTokens jwtTokens(LoggingProperties properties, Environment environment, Clock clock) {
    String secret = properties.auth().jwtSecret();
    if (List.of(environment.getActiveProfiles()).contains("prod")) {
      requireProductionSecret(secret);
    }
    return JwtTokens.fromSecret(secret, clock);
  }

  static void requireProductionSecret(String secret) {
    if (secret == null
        || secret.isBlank()
        || LoggingProperties.DEV_SECRET.equals(secret)
        || secret.getBytes(StandardCharsets.UTF_8).length < JwtTokens.MIN_SECRET_BYTES) {
      throw new IllegalStateException(
          "JWT_SECRET must be set to a secret of at least "
              + JwtTokens.MIN_SECRET_BYTES
              + " bytes (not the development default) in the prod profile");
    }
  }

  @Bean
  BearerTokenFilter bearerTokenFilter(JwtTokens tokens) {
    return new BearerTokenFilter(tokens);
  }

  @Override
  public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
    configurer.addCustomResolver(new CallerArgumentResolver());
  }
}
