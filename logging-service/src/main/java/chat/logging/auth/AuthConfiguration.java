package chat.logging.auth;

import chat.events.auth.JwtTokens;
import chat.logging.LoggingProperties;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;

@Configuration(proxyBeanMethods = false)
class AuthConfiguration implements WebFluxConfigurer {

  @Bean
  JwtTokens jwtTokens(LoggingProperties properties, Environment environment, Clock clock) {
    return JwtTokens.forService(
        properties.auth().jwtSecret(), environment.matchesProfiles("prod"), clock);
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
