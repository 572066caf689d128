package chat.messaging.health;

import chat.messaging.testing.InfrastructureTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Readiness must come up on the MongoDB-wire server, which lacks the {@code hello} command. */
class ReadinessIT extends InfrastructureTest {

  @LocalServerPort int port;

  @Test
  void readinessIsUpWithMongoCheckedByPing() {
    WebTestClient.bindToServer()
        .baseUrl("http://127.0.0.1:" + port)
        .responseTimeout(Duration.ofSeconds(30))
        .build()
        .get()
        .uri("/actuator/health/readiness")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("UP");
  }
}
