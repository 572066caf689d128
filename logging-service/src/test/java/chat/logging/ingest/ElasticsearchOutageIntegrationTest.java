package chat.logging.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.events.ActivityEvent;
import chat.logging.support.ActivityEvents;
import chat.logging.support.KafkaSupport;
import chat.logging.support.LogIndex;
import chat.stack.TestInfrastructure;
import chat.stack.elasticsearch.ElasticsearchNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.elasticsearch.client.elc.ReactiveElasticsearchClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Chaos: Elasticsearch (a private node, never the shared one) stops in the middle of a stream and
 * comes back; every event ends up indexed exactly once, and nothing is committed in between.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ElasticsearchOutageIntegrationTest {

  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static final String TOPIC = "activity-outage-" + RUN;
  private static final String INDEX = "logs-outage-" + RUN;
  private static final Duration WAIT = Duration.ofSeconds(120);

  private static ElasticsearchNode elasticsearchNode;

  @Autowired ReactiveElasticsearchClient elasticsearch;
  @Autowired MeterRegistry meters;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    registry.add("spring.elasticsearch.uris", () -> node().url());
    registry.add(
        "chat.kafka.bootstrap-servers",
        () -> {
          String servers = TestInfrastructure.kafkaBootstrapServers();
          KafkaSupport.createTopics(servers, TOPIC, TOPIC + "-dlt");
          return servers;
        });
    registry.add("chat.kafka.topic", () -> TOPIC);
    registry.add("chat.kafka.dead-letter-topic", () -> TOPIC + "-dlt");
    registry.add("chat.kafka.group-id", () -> "logging-outage-" + RUN);
    registry.add("chat.kafka.lag-refresh-interval", () -> "500ms");
    registry.add("chat.index.name", () -> INDEX);
    registry.add("chat.indexing.max-backoff", () -> "1s");
  }

  private static synchronized ElasticsearchNode node() {
    if (elasticsearchNode == null) {
      elasticsearchNode = TestInfrastructure.privateElasticsearch();
    }
    return elasticsearchNode;
  }

  @AfterAll
  static synchronized void removeNode() {
    if (elasticsearchNode != null) {
      elasticsearchNode.close();
    }
  }

  private static List<ActivityEvent> events(String marker, int count) {
    List<ActivityEvent> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      events.add(
          ActivityEvents.from(
              marker,
              ActivityEvents.message("user" + (i % 11), "general", i, "text " + i, Instant.now())));
    }
    return events;
  }

  private double counter(String name, String... tags) {
    Counter counter = meters.find(name).tags(tags).counter();
    return counter == null ? 0 : counter.count();
  }

  private double consumerLag() {
    Gauge gauge = meters.find("chat.logging.consumer.lag").gauge();
    return gauge == null ? 0 : gauge.value();
  }

  @Test
  void elasticsearchStoppedMidStreamAndRestartedLeavesEveryEventIndexedOnce() {
    String marker = "outage-" + RUN;
    LogIndex logs = new LogIndex(elasticsearch, INDEX);
    List<ActivityEvent> before = events(marker, 200);
    List<ActivityEvent> during = events(marker, 300);
    try (KafkaSupport kafka = new KafkaSupport(TestInfrastructure.kafkaBootstrapServers())) {
      kafka.send(TOPIC, before);
      await().atMost(WAIT).until(() -> logs.count("instanceId", marker) == 200);

      node().stop();
      double retriesBefore = counter("chat.logging.bulk.retries", "scope", "request");
      kafka.send(TOPIC, during);

      // The pipeline keeps retrying and holds the new records unacknowledged.
      await()
          .atMost(WAIT)
          .until(
              () -> counter("chat.logging.bulk.retries", "scope", "request") >= retriesBefore + 3);
      await().atMost(WAIT).until(() -> consumerLag() >= 300);

      node().start();

      await().atMost(WAIT).until(() -> logs.count("instanceId", marker) >= 500);
      List<String> expected = new ArrayList<>();
      before.forEach(e -> expected.add(e.eventId()));
      during.forEach(e -> expected.add(e.eventId()));
      assertThat(logs.count("instanceId", marker)).isEqualTo(500);
      assertThat(logs.ids("instanceId", marker)).containsExactlyInAnyOrderElementsOf(expected);
      assertThat(counter("chat.logging.dead.letters", "reason", "rejected")).isZero();
      await().atMost(WAIT).until(() -> consumerLag() == 0);
    }
  }
}
