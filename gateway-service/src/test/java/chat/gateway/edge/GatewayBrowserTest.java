package chat.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.test.StepVerifier;

/** CORS, the WebSocket origin check, WebSocket frame sizes and security headers. */
class GatewayBrowserTest extends GatewayTestSupport {

  private static final String CLIENT_URL = "http://localhost:5173";

  @Test
  void corsPreflightFromTheClientUrlIsAllowed() {
    client
        .options()
        .uri("/api/rooms")
        .header("Origin", CLIENT_URL)
        .header("Access-Control-Request-Method", "GET")
        .header("Access-Control-Request-Headers", "authorization")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals("Access-Control-Allow-Origin", CLIENT_URL);
  }

  @Test
  void corsFromAnyOtherOriginIsRefused() {
    client
        .options()
        .uri("/api/auth/login")
        .header("Origin", "https://evil.example")
        .header("Access-Control-Request-Method", "POST")
        .exchange()
        .expectStatus()
        .isForbidden()
        .expectHeader()
        .doesNotExist("Access-Control-Allow-Origin")
        .expectBody()
        .jsonPath("$.error.code")
        .isEqualTo("forbidden");
  }

  @Test
  void errorsCarryCorsHeadersSoTheSpaCanReadThem() {
    client
        .get()
        .uri("/api/rooms")
        .header("Origin", CLIENT_URL)
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .valueEquals("Access-Control-Allow-Origin", CLIENT_URL);
  }

  @Test
  void crossOriginWebSocketUpgradeIsRefused() {
    upgrade("/socket.io/?EIO=4&transport=websocket")
        .header("Origin", "https://evil.example")
        .exchange()
        .expectStatus()
        .isForbidden()
        .expectBody()
        .jsonPath("$.error.code")
        .isEqualTo("forbidden");
  }

  @Test
  void webSocketFromTheClientUrlTheOwnOriginOrANonBrowserIsProxied() {
    assertThat(echo(CLIENT_URL, "hello")).isEqualTo("hello");
    assertThat(echo("http://localhost:" + port, "same origin")).isEqualTo("same origin");
    assertThat(echo(null, "no origin")).isEqualTo("no origin");
  }

  @Test
  void megabyteFramesPassInBothDirections() {
    String big = "x".repeat(1_000_000);

    assertThat(echo(CLIENT_URL, big)).hasSize(1_000_000).isEqualTo(big);
  }

  @Test
  void spaResponsesCarrySecurityHeaders() {
    client
        .get()
        .uri("/")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .value(
            "Content-Security-Policy",
            csp ->
                assertThat(csp)
                    .startsWith("default-src 'self'")
                    .contains("connect-src 'self' ws://localhost:" + port + "/socket.io/")
                    .contains("frame-ancestors 'none'"))
        .expectHeader()
        .valueEquals("X-Content-Type-Options", "nosniff")
        .expectHeader()
        .valueEquals("Referrer-Policy", "no-referrer")
        .expectHeader()
        .valueEquals("X-Frame-Options", "DENY")
        .expectBody(String.class)
        .value(body -> assertThat(body).contains("has not been built"));
  }

  @Test
  void apiResponsesCarryNosniffAndANoContentPolicy() {
    client
        .get()
        .uri("/api/rooms")
        .header("Authorization", "Bearer " + tokenForNewUser())
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals("X-Content-Type-Options", "nosniff")
        .expectHeader()
        .valueEquals("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
  }

  @Test
  void healthAndPrometheusAreExposed() {
    client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
    client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
    client
        .get()
        .uri("/api/rooms")
        .header("Authorization", "Bearer " + tokenForNewUser())
        .exchange();
    client
        .get()
        .uri("/actuator/prometheus")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .value(
            body ->
                assertThat(body)
                    .contains("spring_cloud_gateway_requests_seconds_bucket")
                    .contains("routeId=\"rooms\""));
  }

  /** Sends {@code text} over a WebSocket through the gateway and returns the echoed reply. */
  private String echo(String origin, String text) {
    ReactorNettyWebSocketClient ws =
        new ReactorNettyWebSocketClient(
            HttpClient.create(),
            () -> WebsocketClientSpec.builder().maxFramePayloadLength(TestUpstream.MAX_FRAME));
    HttpHeaders headers = new HttpHeaders();
    if (origin != null) {
      headers.setOrigin(origin);
    }
    AtomicReference<String> reply = new AtomicReference<>();
    Mono<Void> session =
        ws.execute(
            URI.create("ws://localhost:" + port + "/socket.io/?EIO=4&transport=websocket"),
            headers,
            s ->
                s.send(Mono.just(s.textMessage(text)))
                    .thenMany(s.receive().map(WebSocketMessage::getPayloadAsText).take(1))
                    .doOnNext(reply::set)
                    .then());
    StepVerifier.create(session).expectComplete().verify(Duration.ofSeconds(30));
    return reply.get();
  }
}
