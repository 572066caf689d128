package chat.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/** Rate limits against real Redis. */
class GatewayRateLimitTest extends GatewayTestSupport {

  @Autowired MeterRegistry meters;

  @Test
  void bruteForcingLoginsFromOneAddressGets429AfterTheBurst() {
    String attacker = newClientAddress();
    List<Integer> statuses = new ArrayList<>();
    EntityExchangeResult<byte[]> limited = null;
    for (int i = 0; i < 25; i++) {
      EntityExchangeResult<byte[]> result = login(attacker);
      statuses.add(result.getStatus().value());
      if (result.getStatus() == HttpStatus.TOO_MANY_REQUESTS && limited == null) {
        limited = result;
      }
    }

    // Bursts of 20, then 10 a minute: the 21st attempt within seconds is refused.
    assertThat(statuses.subList(0, 20)).containsOnly(200);
    assertThat(statuses.subList(20, 25)).containsOnly(429);
    assertThat(Long.parseLong(limited.getResponseHeaders().getFirst("Retry-After")))
        .isBetween(1L, 6L);
    assertThat(new String(limited.getResponseBody()))
        .isEqualTo(
            "{\"error\":{\"code\":\"rate_limited\",\"message\":\"too many requests, retry later\"}}");
    assertThat(
            meters.counter("chat.gateway.rate_limited", "route", "auth", "policy", "auth").count())
        .isGreaterThanOrEqualTo(5);
  }

  @Test
  void anotherAddressIsNotAffectedByAnAttacker() {
    String attacker = newClientAddress();
    for (int i = 0; i < 21; i++) {
      login(attacker);
    }

    assertThat(login(attacker).getStatus()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    assertThat(login(newClientAddress()).getStatus()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void apiRequestsAreLimitedPerUserAcrossRoutes() {
    String token = tokenForNewUser();
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      String uri = i % 2 == 0 ? "/api/rooms" : "/api/presence";
      statuses.add(
          client
              .get()
              .uri(uri)
              .header("Authorization", "Bearer " + token)
              .exchange()
              .returnResult(byte[].class)
              .getStatus()
              .value());
    }

    // 5 a second with bursts of 5: twelve back-to-back requests cannot all pass.
    assertThat(statuses).contains(429);
    assertThat(statuses.subList(0, 5)).containsOnly(200);
    // Another user is unaffected.
    client
        .get()
        .uri("/api/rooms")
        .header("Authorization", "Bearer " + tokenForNewUser())
        .exchange()
        .expectStatus()
        .isOk();
  }

  private EntityExchangeResult<byte[]> login(String clientAddress) {
    return client
        .post()
        .uri("/api/auth/login")
        .header("X-Forwarded-For", clientAddress)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"username\":\"alice\",\"password\":\"wrong-password\"}")
        .exchange()
        .expectBody()
        .returnResult();
  }
}
