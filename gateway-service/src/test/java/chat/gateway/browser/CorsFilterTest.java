package chat.gateway.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class CorsFilterTest {

  private final CorsFilter filter =
      new CorsFilter(new BrowserProperties(List.of("http://localhost:5173"), true));

  @Test
  void theSpasOwnOriginBehindATlsProxyIsNotCrossOrigin() {
    // The ingress terminates TLS: the browser says https, the gateway sees http on port 80.
    MockServerWebExchange exchange =
        MockServerWebExchange.from(
            MockServerHttpRequest.post("http://chat.example.com/api/auth/login")
                .header("Host", "chat.example.com")
                .header("Origin", "https://chat.example.com"));

    assertThat(run(exchange)).isTrue();
    assertThat(exchange.getResponse().getStatusCode()).isNull();
  }

  @Test
  void theClientUrlGetsCorsHeaders() {
    MockServerWebExchange exchange =
        MockServerWebExchange.from(
            MockServerHttpRequest.get("http://gateway:8080/api/rooms")
                .header("Host", "gateway:8080")
                .header("Origin", "http://localhost:5173"));

    assertThat(run(exchange)).isTrue();
    assertThat(exchange.getResponse().getHeaders().getAccessControlAllowOrigin())
        .isEqualTo("http://localhost:5173");
  }

  @Test
  void otherOriginsAreRefused() {
    MockServerWebExchange exchange =
        MockServerWebExchange.from(
            MockServerHttpRequest.post("http://chat.example.com/api/auth/login")
                .header("Host", "chat.example.com")
                .header("Origin", "https://chat.example.com.evil.example"));

    assertThat(run(exchange)).isFalse();
    assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }

  private boolean run(MockServerWebExchange exchange) {
    AtomicBoolean passed = new AtomicBoolean();
    StepVerifier.create(
            filter.filter(
                exchange,
                e -> {
                  passed.set(true);
                  return Mono.empty();
                }))
        .expectComplete()
        .verify(Duration.ofSeconds(5));
    return passed.get();
  }
}
