package chat.messaging.socketio;

import chat.events.auth.JwtTokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.reactor.netty.autoconfigure.NettyReactiveWebServerAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webflux.autoconfigure.HttpHandlerAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.error.ErrorWebFluxAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Base of the integration tests of the Socket.IO layer alone: a Netty WebFlux server on a random
 * port, this package's configuration, a real {@link JwtTokens} and a {@link RecordingListener} in
 * place of the chat layer. No MongoDB, Redis or Kafka.
 */
@SpringBootTest(
    classes = SocketIoIntegrationTest.App.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class SocketIoIntegrationTest {

  static final String SECRET = "socketio-test-secret-0123456789abcdef-0123456789";

  static final JwtTokens TOKENS = JwtTokens.fromSecret(SECRET, Clock.systemUTC());

  static String token(String userId) {
    return TOKENS.issue(userId, Set.of(), Duration.ofMinutes(10));
  }

  /** Nested in a test class, so that the application's component scan (in other tests) skips it. */
  @SpringBootConfiguration(proxyBeanMethods = false)
  @ImportAutoConfiguration({
    PropertyPlaceholderAutoConfiguration.class,
    ConfigurationPropertiesAutoConfiguration.class,
    NettyReactiveWebServerAutoConfiguration.class,
    HttpHandlerAutoConfiguration.class,
    WebFluxAutoConfiguration.class,
    ErrorWebFluxAutoConfiguration.class,
    JacksonAutoConfiguration.class
  })
  @EnableConfigurationProperties(SocketIoProperties.class)
  @Import(SocketIoConfiguration.class)
  static class App {

    @Bean
    JwtTokens jwtTokens() {
      return TOKENS;
    }

    @Bean
    RecordingListener recordingListener() {
      return new RecordingListener();
    }

    @Bean
    MeterRegistry meterRegistry() {
      return new SimpleMeterRegistry();
    }
  }
}
