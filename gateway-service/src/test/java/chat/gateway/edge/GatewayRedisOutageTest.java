package chat.gateway.edge;

import static org.awaitility.Awaitility.await;

import chat.events.auth.JwtTokens;
import chat.stack.TestInfrastructure;
import chat.stack.redis.RedisServer;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What the rate limits do while Redis is gone: sign-ins are refused (503, fail closed, so that an
 * attacker cannot unlock password guessing by overloading Redis), other API calls go on (fail
 * open), the gateway stays ready, and everything recovers when Redis is back. Uses a PRIVATE Redis
 * that the test stops and restarts, and an in-test upstream ({@link TestUpstream}).
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "chat.auth.jwt-secret=" + GatewayRedisOutageTest.SECRET,
      "chat.frontend.dist=target/no-spa-here",
      "spring.data.redis.timeout=1s",
      "spring.data.redis.connect-timeout=1s"
    })
class GatewayRedisOutageTest {

  static final String SECRET = "gateway-outage-secret-0123456789abcdef012";
  static final RedisServer REDIS = TestInfrastructure.privateRedis();
  static final TestUpstream UPSTREAM = TestUpstream.start("any");

  @LocalServerPort int port;
  @Autowired MeterRegistry meters;
  WebTestClient client;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    registry.add("spring.data.redis.host", REDIS::host);
    registry.add("spring.data.redis.port", REDIS::port);
    registry.add("chat.upstreams.messaging", UPSTREAM::url);
    registry.add("chat.upstreams.presence", UPSTREAM::url);
    registry.add("chat.upstreams.logging", UPSTREAM::url);
  }

  @AfterAll
  static void removeRedis() {
    REDIS.close();
  }

  @BeforeEach
  void client() {
    client =
        WebTestClient.bindToServer()
            .baseUrl("http://localhost:" + port)
            .responseTimeout(Duration.ofSeconds(30))
            .build();
  }

  @Test
  void withoutRedisSignInsAreRefusedAndTheApiGoesOn() {
    String token =
        JwtTokens.fromSecret(SECRET, Clock.systemUTC())
            .issue("alice", Set.of(), Duration.ofHours(1));
    // With a 1 s Redis timeout on a busy machine, the first calls may time out: wait for a good
    // one.
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> login().expectStatus().isOk());

    REDIS.stop();
    try {
      login()
          .expectStatus()
          .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
          .expectHeader()
          .valueEquals("Retry-After", "5")
          .expectBody()
          .jsonPath("$.error.code")
          .isEqualTo("internal");
      client
          .get()
          .uri("/api/rooms")
          .header("Authorization", "Bearer " + token)
          .exchange()
          .expectStatus()
          .isOk();
      Assertions.assertThat(meters.get("chat.gateway.rate_limiter_errors").counters()).isNotEmpty();
    } finally {
      REDIS.start();
    }

    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> login().expectStatus().isOk());
  }

  private WebTestClient.ResponseSpec login() {
    return client
        .post()
        .uri("/api/auth/login")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"username\":\"alice\",\"password\":\"whatever-1\"}")
        .exchange();
  }
}
