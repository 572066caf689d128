package chat.gateway.auth;

import chat.events.auth.JwtTokens;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class AuthConfiguration {

  @Bean
  JwtTokens jwtTokens(AuthProperties properties, Environment environment) {
    return JwtTokens.forService(
        properties.jwtSecret(), environment.matchesProfiles("prod"), Clock.systemUTC());
  }
}
