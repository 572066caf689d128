package chat.logging.support;

import chat.events.auth.AuthenticatedUser;
import chat.events.auth.JwtTokens;
import chat.stack.TestInfrastructure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.elasticsearch.client.elc.ReactiveElasticsearchClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The whole service on a random port, against the shared Kafka and Elasticsearch of {@link
 * TestInfrastructure}, with a topic, consumer group and index family of its own. Every subclass
 * shares this one application context (same configuration), so it starts once per test JVM.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class LoggingIntegrationTest {

  protected static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  protected static final String TOPIC = "activity-it-" + RUN;
  protected static final String DEAD_LETTERS = TOPIC + "-dlt";
  protected static final String INDEX = "logs-it-" + RUN;

  private static KafkaSupport kafka;

  @LocalServerPort protected int port;
  @Autowired protected ReactiveElasticsearchClient elasticsearch;
  @Autowired protected MeterRegistry meters;

  protected WebTestClient http;
  protected LogIndex logs;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    registry.add("spring.elasticsearch.uris", TestInfrastructure::elasticsearchUrl);
    registry.add(
        "chat.kafka.bootstrap-servers",
        () -> {
          String servers = TestInfrastructure.kafkaBootstrapServers();
          KafkaSupport.createTopics(servers, TOPIC, DEAD_LETTERS);
          return servers;
        });
    registry.add("chat.kafka.topic", () -> TOPIC);
    registry.add("chat.kafka.dead-letter-topic", () -> DEAD_LETTERS);
    registry.add("chat.kafka.group-id", () -> "logging-it-" + RUN);
    registry.add("chat.kafka.commit-interval", () -> "200ms");
    registry.add("chat.kafka.lag-refresh-interval", () -> "500ms");
    registry.add("chat.index.name", () -> INDEX);
  }

  @BeforeEach
  void clients() {
    http =
        WebTestClient.bindToServer()
            .baseUrl("http://127.0.0.1:" + port)
            .responseTimeout(Duration.ofSeconds(30))
            .build();
    logs = new LogIndex(elasticsearch, INDEX);
  }

  protected static synchronized KafkaSupport kafka() {
    if (kafka == null) {
      kafka = new KafkaSupport(TestInfrastructure.kafkaBootstrapServers());
    }
    return kafka;
  }

  @AfterAll
  static synchronized void closeKafka() {
    if (kafka != null) {
      kafka.close();
      kafka = null;
    }
  }

  protected static String token(String userId, boolean admin) {
    return JwtTokens.fromSecret(JwtTokens.DEV_SECRET, Clock.systemUTC())
        .issue(userId, admin ? Set.of(AuthenticatedUser.ADMIN) : Set.of(), Duration.ofHours(1));
  }

  protected double counter(String name, String... tags) {
    Counter counter = meters.find(name).tags(tags).counter();
    return counter == null ? 0 : counter.count();
  }
}
