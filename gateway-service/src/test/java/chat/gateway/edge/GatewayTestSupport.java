package chat.gateway.edge;

import chat.events.auth.JwtTokens;
import chat.stack.TestInfrastructure;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway on a random port with real Redis (from {@link TestInfrastructure}) and in-test
 * upstreams ({@link TestUpstream}: two messaging replicas, presence, logging). Every test class
 * extending this shares one application context.
 *
 * <p>The gateway trusts 127.0.0.1 as a proxy here, so each test can act as a different client
 * address with {@code X-Forwarded-For} ({@link #newClientAddress()}) and rate-limit buckets never
 * leak between tests or runs. The auth limit is the default (10/min, bursts of 20); the per-user
 * API limit is lowered to 2/s with bursts of 2 so it can be exhausted quickly: tests that are not
 * about it use a fresh user per request ({@link #tokenForNewUser()}).
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "chat.auth.jwt-secret=" + GatewayTestSupport.SECRET,
      "chat.client.trusted-proxies=127.0.0.1,::1",
      "chat.browser.client-urls=http://localhost:5173",
      "chat.rate-limit.auth-per-minute=10",
      "chat.rate-limit.api-per-second=2",
      "chat.rate-limit.api-burst=2",
      "chat.frontend.dist=target/no-spa-here",
      "spring.cloud.gateway.server.webflux.httpclient.response-timeout=10s",
      // The test machine's CPU is shared by parallel builds: a 2 s Redis timeout would make the
      // limiter's fail-open/fail-closed paths fire at random.
      "spring.data.redis.timeout=30s"
    })
abstract class GatewayTestSupport {

  static final String SECRET = "gateway-test-secret-0123456789abcdef0123";
  static final JwtTokens TOKENS = JwtTokens.fromSecret(SECRET, Clock.systemUTC());

  static final TestUpstream MESSAGING_A = TestUpstream.start("messaging-a");
  static final TestUpstream MESSAGING_B = TestUpstream.start("messaging-b");
  static final TestUpstream PRESENCE = TestUpstream.start("presence");
  static final TestUpstream LOGGING = TestUpstream.start("logging");

  @LocalServerPort int port;
  WebTestClient client;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.RedisEndpoint redis = TestInfrastructure.redis();
    registry.add("spring.data.redis.host", redis::host);
    registry.add("spring.data.redis.port", redis::port);
    registry.add("chat.upstreams.messaging", () -> MESSAGING_A.url() + "," + MESSAGING_B.url());
    registry.add("chat.upstreams.presence", PRESENCE::url);
    registry.add("chat.upstreams.logging", LOGGING::url);
  }

  @BeforeEach
  void client() {
    client =
        WebTestClient.bindToServer()
            .baseUrl("http://localhost:" + port)
            .responseTimeout(Duration.ofSeconds(30))
            .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(4 * 1024 * 1024))
            .build();
  }

  /** A WebSocket upgrade request for {@code uri} (as a browser sends it), to send with HTTP. */
  WebTestClient.RequestHeadersSpec<?> upgrade(String uri) {
    return client
        .get()
        .uri(uri)
        .header("Connection", "Upgrade")
        .header("Upgrade", "websocket")
        .header("Sec-WebSocket-Version", "13")
        .header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
  }

  /** A token for a fresh user, so per-user rate limits never interfere between tests. */
  static String tokenForNewUser() {
    return TOKENS.issue(
        "user-" + UUID.randomUUID().toString().substring(0, 8), Set.of(), Duration.ofHours(1));
  }

  /** A fresh client address (TEST-NET-2), presented through the trusted local proxy. */
  static String newClientAddress() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return "198.51." + random.nextInt(256) + "." + random.nextInt(1, 255);
  }
}
