package chat.messaging.account;

import static org.springframework.web.reactive.function.server.RequestPredicates.POST;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import chat.events.auth.JwtTokens;
import chat.messaging.MessagingProperties;
import chat.messaging.activity.ActivityPublisher;
import chat.messaging.auth.AuthProperties;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

@Configuration(proxyBeanMethods = false)
class AccountConfiguration {

  /** BCrypt on its own bounded threads (not a Scheduler bean: others may inject one by type). */
  @Bean(destroyMethod = "close")
  PasswordHasher passwordHasher(AuthProperties properties) {
    Scheduler scheduler =
        Schedulers.newBoundedElastic(
            properties.effectiveHashThreads(), properties.hashQueue(), "password-hash", 60, true);
    return new PasswordHasher(properties.bcryptStrength(), scheduler);
  }

  @Bean
  Accounts accounts(
      AccountStore store,
      PasswordHasher hasher,
      JwtTokens tokens,
      AuthProperties properties,
      ActivityPublisher activity,
      MessagingProperties messaging) {
    return new Accounts(
        store, hasher, tokens, properties, activity, Clock.systemUTC(), messaging.instanceId());
  }

  @Bean
  RouterFunction<ServerResponse> accountRoutes(Accounts accounts) {
    AccountHandler handler = new AccountHandler(accounts);
    return route(POST("/api/auth/register"), handler::register)
        .andRoute(POST("/api/auth/login"), handler::login);
  }
}
