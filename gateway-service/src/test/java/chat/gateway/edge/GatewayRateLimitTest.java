package chat.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Rate limits against real Redis. Requests are sent concurrently and the assertions allow for the
 * tokens refilled while they were in flight, so a slow, shared machine does not make them flaky.
 */
class GatewayRateLimitTest extends GatewayTestSupport {

  @Autowired MeterRegistry meters;

  /** What came back: status, {@code Retry-After} and body. */
  record Reply(HttpStatus status, String retryAfter, String body) {}

  @Test
  void bruteForcingLoginsFromOneAddressGets429AfterTheBurst() {
    String attacker = newClientAddress();
    double rejectedBefore = rejected("auth", "auth");
    long start = System.nanoTime();

    List<Reply> replies = send(40, i -> login(attacker));
    double seconds = (System.nanoTime() - start) / 1e9;

    long allowed = replies.stream().filter(r -> r.status() == HttpStatus.OK).count();
    // Bursts of 20, then 10 a minute (one every 6 s) while the requests were in flight.
    assertThat(allowed).isBetween(20L, 20L + (long) Math.ceil(seconds / 6) + 1);
    Reply limited =
        replies.stream()
            .filter(r -> r.status() == HttpStatus.TOO_MANY_REQUESTS)
            .findFirst()
            .orElseThrow();
    assertThat(Long.parseLong(limited.retryAfter())).isBetween(1L, 6L);
    assertThat(limited.body())
        .isEqualTo(
            "{\"error\":{\"code\":\"rate_limited\",\"message\":\"too many requests, retry later\"}}");
    assertThat(rejected("auth", "auth") - rejectedBefore).isEqualTo(40 - allowed);
  }

  @Test
  void anotherAddressIsNotAffectedByAnAttacker() {
    String attacker = newClientAddress();

    List<Reply> replies = send(40, i -> login(attacker));

    assertThat(replies).extracting(Reply::status).contains(HttpStatus.TOO_MANY_REQUESTS);
    assertThat(send(1, i -> login(newClientAddress())))
        .extracting(Reply::status)
        .containsExactly(HttpStatus.OK);
  }

  @Test
  void apiRequestsAreLimitedPerUserAcrossRoutes() {
    String token = tokenForNewUser();
    long start = System.nanoTime();

    List<Reply> replies = send(40, i -> get(i % 2 == 0 ? "/api/rooms" : "/api/presence", token));
    double seconds = (System.nanoTime() - start) / 1e9;

    long allowed = replies.stream().filter(r -> r.status() == HttpStatus.OK).count();
    // 2 a second with bursts of 2 (test settings), one bucket for both routes.
    assertThat(allowed).isBetween(2L, 2L + (long) Math.ceil(seconds * 2) + 1);
    assertThat(replies).extracting(Reply::status).contains(HttpStatus.TOO_MANY_REQUESTS);
    assertThat(send(1, i -> get("/api/rooms", tokenForNewUser())))
        .extracting(Reply::status)
        .containsExactly(HttpStatus.OK);
  }

  private double rejected(String route, String policy) {
    var counter =
        meters.find("chat.gateway.rate_limited").tags("route", route, "policy", policy).counter();
    return counter == null ? 0 : counter.count();
  }

  private List<Reply> send(int count, IntFunction<Mono<Reply>> request) {
    Mono<List<Reply>> all = Flux.range(0, count).flatMap(request::apply, count).collectList();
    AtomicReference<List<Reply>> result = new AtomicReference<>();
    StepVerifier.create(all)
        .consumeNextWith(result::set)
        .expectComplete()
        .verify(Duration.ofSeconds(60));
    return result.get();
  }

  private WebClient web() {
    return WebClient.create("http://localhost:" + port);
  }

  private Mono<Reply> login(String clientAddress) {
    return web()
        .post()
        .uri("/api/auth/login")
        .header("X-Forwarded-For", clientAddress)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("username", "alice", "password", "wrong-password"))
        .exchangeToMono(this::reply);
  }

  private Mono<Reply> get(String uri, String token) {
    return web()
        .get()
        .uri(uri)
        .header("Authorization", "Bearer " + token)
        .exchangeToMono(this::reply);
  }

  private Mono<Reply> reply(ClientResponse response) {
    return response
        .bodyToMono(String.class)
        .defaultIfEmpty("")
        .map(
            body ->
                new Reply(
                    HttpStatus.valueOf(response.statusCode().value()),
                    response.headers().asHttpHeaders().getFirst("Retry-After"),
                    body));
  }
}
