package chat.messaging.testing;

import chat.stack.TestInfrastructure;
import java.util.Map;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the integration tests that run the whole messaging application on a random port against
 * the real MongoDB-wire server, Redis and Kafka of {@link TestInfrastructure}. Every subclass
 * shares one application context.
 */
@SpringBootTest(
    classes = ChatTestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class InfrastructureTest {

  /** The properties that point an application at the shared test infrastructure. */
  public static Map<String, Object> infrastructureProperties() {
    return Map.of(
        "spring.mongodb.uri", TestInfrastructure.mongoUri(),
        "spring.data.redis.host", TestInfrastructure.redis().host(),
        "spring.data.redis.port", TestInfrastructure.redis().port(),
        "chat.messaging.kafka.bootstrap-servers", TestInfrastructure.kafkaBootstrapServers(),
        "logging.structured.format.console", "");
  }

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    infrastructureProperties().forEach((key, value) -> registry.add(key, () -> value));
  }
}
