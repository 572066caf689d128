package chat.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class InboundHeadersFilterTest {

  private final InboundHeadersFilter filter =
      new InboundHeadersFilter(new ClientProperties(List.of()));

  @Test
  void identityHeadersFromClientsAreRemovedAndTheTokenIsKept() {
    ServerWebExchange passed =
        run(
            MockServerHttpRequest.get("/api/rooms")
                .header("Authorization", "Bearer abc")
                .header("X-User-Id", "alice")
                .header("x-user-roles", "admin")
                .header("X-Forwarded-User", "alice")
                .header("X-Remote-User", "alice")
                .header("Remote-User", "alice")
                .header("X-Auth-Request-User", "alice")
                .header("Accept", "application/json"));

    HttpHeaders headers = passed.getRequest().getHeaders();
    assertThat(headers.headerNames())
        .extracting(String::toLowerCase)
        .containsExactlyInAnyOrder("authorization", "accept");
    assertThat(headers.getFirst("Authorization")).isEqualTo("Bearer abc");
  }

  @Test
  void recordsTheClientAddress() {
    ServerWebExchange passed =
        run(
            MockServerHttpRequest.get("/api/auth/login")
                .remoteAddress(new InetSocketAddress("192.0.2.4", 5555)));

    assertThat(ClientAddress.of(passed)).contains("192.0.2.4");
  }

  private ServerWebExchange run(MockServerHttpRequest.BaseBuilder<?> request) {
    AtomicReference<ServerWebExchange> passed = new AtomicReference<>();
    StepVerifier.create(
            filter.filter(
                MockServerWebExchange.from(request),
                exchange -> {
                  passed.set(exchange);
                  return Mono.empty();
                }))
        .expectComplete()
        .verify(Duration.ofSeconds(5));
    return passed.get();
  }
}
