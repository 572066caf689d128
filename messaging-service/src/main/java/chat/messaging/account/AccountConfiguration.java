package chat.messaging.account;

import static org.springframework.web.reactive.function.server.RequestPredicates.POST;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import chat.events.auth.JwtTokens;
import chat.messaging.activity.ActivityPublisher;
import chat.messaging.auth.AuthProperties;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

@Configuration(proxyBeanMethods = false)
class AccountConfiguration {

  /** Threads and queue for BCrypt; disposed on shutdown. */
  @Bean(destroyMethod = "dispose")
  Scheduler passwordHashScheduler(AuthProperties properties) {
    return Schedulers.newBoundedElastic(
        properties.effectiveHashThreads(), properties.hashQueue(), "password-hash", 60, true);
  }

  @Bean
  PasswordHasher passwordHasher(AuthProperties properties, Scheduler passwordHashScheduler) {
    return new PasswordHasher(properties.bcryptStrength(), passwordHashScheduler);
  }

  @Bean
  Accounts accounts(
      AccountStore store,
      PasswordHasher hasher,
      JwtTokens tokens,
      AuthProperties properties,
      ActivityPublisher activity,
      Environment environment) {
    return new Accounts(
        store,
        hasher,
        tokens,
        properties,
        activity,
        Clock.systemUTC(),
        instanceId(
            environment.getProperty(
                "chat.instance-id", environment.getProperty("INSTANCE_ID", ""))));
  }

  @Bean
  RouterFunction<ServerResponse> accountRoutes(Accounts accounts) {
    AccountHandler handler = new AccountHandler(accounts);
    return route(POST("/api/auth/register"), handler::register)
        .andRoute(POST("/api/auth/login"), handler::login);
  }

  /** {@code INSTANCE_ID} if set, else the host name and a short random suffix. */
  private static String instanceId(String configured) {
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "messaging";
    }
    return host + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
