package chat.logging.auth;

import static org.assertj.core.api.Assertions.assertThat;

import chat.events.auth.AuthenticatedUser;
import chat.events.auth.JwtTokens;
import chat.logging.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class BearerTokenFilterTest {

  private final JwtTokens tokens = JwtTokens.fromSecret(JwtTokens.DEV_SECRET, Clock.systemUTC());
  private final BearerTokenFilter filter = new BearerTokenFilter(tokens);
  private final AtomicReference<AuthenticatedUser> passed = new AtomicReference<>();
  private final WebFilterChain chain =
      exchange -> {
        passed.set(exchange.getAttribute(BearerTokenFilter.CALLER));
        return Mono.empty();
      };

  private Mono<Void> call(String path, String authorization) {
    MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get(path);
    if (authorization != null) {
      request.header(HttpHeaders.AUTHORIZATION, authorization);
    }
    return filter.filter(MockServerWebExchange.from(request), chain);
  }

  private void refused(String path, String authorization, HttpStatus status) {
    StepVerifier.create(call(path, authorization))
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOfSatisfying(
                        ApiException.class, api -> assertThat(api.status()).isEqualTo(status)))
        .verify(Duration.ofSeconds(5));
    assertThat(passed.get()).isNull();
  }

  @Test
  void apiCallsWithoutAValidTokenAreUnauthorized() {
    refused("/api/search/messages", null, HttpStatus.UNAUTHORIZED);
    refused("/api/search/messages", "Basic abc", HttpStatus.UNAUTHORIZED);
    refused("/api/search/messages", "Bearer not-a-jwt", HttpStatus.UNAUTHORIZED);
    String otherSecret =
        JwtTokens.fromSecret("another-secret-another-secret-another-secret", Clock.systemUTC())
            .issue("alice", Set.of(), Duration.ofMinutes(5));
    refused("/api/analytics/summary", "Bearer " + otherSecret, HttpStatus.UNAUTHORIZED);
  }

  @Test
  void analyticsNeedTheAdminRole() {
    String user = tokens.issue("alice", Set.of(), Duration.ofMinutes(5));
    refused("/api/analytics/summary", "Bearer " + user, HttpStatus.FORBIDDEN);

    String admin = tokens.issue("root", Set.of(AuthenticatedUser.ADMIN), Duration.ofMinutes(5));
    StepVerifier.create(call("/api/analytics/summary", "bearer " + admin))
        .expectComplete()
        .verify(Duration.ofSeconds(5));
    assertThat(passed.get().userId()).isEqualTo("root");
  }

  @Test
  void anySignedInUserMaySearchAndProbesNeedNoToken() {
    String user = tokens.issue("alice", Set.of(), Duration.ofMinutes(5));
    StepVerifier.create(call("/api/search/messages", "Bearer " + user))
        .expectComplete()
        .verify(Duration.ofSeconds(5));
    assertThat(passed.get().userId()).isEqualTo("alice");

    passed.set(null);
    StepVerifier.create(call("/actuator/health/readiness", null))
        .expectComplete()
        .verify(Duration.ofSeconds(5));
  }
}
