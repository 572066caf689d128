package chat.presence.auth;

import chat.events.auth.JwtTokens;
import chat.presence.PresenceProperties;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class AuthConfiguration {

  @Bean
  JwtTokens jwtTokens(PresenceProperties properties, Environment environment) {
    return JwtTokens.forService(
        properties.auth().jwtSecret(), environment.matchesProfiles("prod"), Clock.systemUTC());
  }

  @Bean
  BearerTokenFilter bearerTokenFilter(JwtTokens tokens) {
    return new BearerTokenFilter(tokens);
  }
}
