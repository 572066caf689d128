package chat.presence.auth;

import static org.assertj.core.api.Assertions.assertThat;

import chat.events.auth.AuthenticatedUser;
import chat.events.auth.JwtTokens;
import chat.presence.PresenceProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class BearerTokenFilterTest {

  private final JwtTokens tokens = JwtTokens.fromSecret(JwtTokens.DEV_SECRET, Clock.systemUTC());
  private final BearerTokenFilter filter = new BearerTokenFilter(tokens);

  @Test
  void apiRequestWithoutTokenIsRejectedWithTheErrorShape() {
    MockServerWebExchange exchange = exchange(MockServerHttpRequest.get("/api/presence"));
    AtomicBoolean passed = new AtomicBoolean();

    StepVerifier.create(filter.filter(exchange, e -> Mono.fromRunnable(() -> passed.set(true))))
        .verifyComplete();

    assertThat(passed).isFalse();
    assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    StepVerifier.create(exchange.getResponse().getBodyAsString())
        .expectNext(
            "{\"error\":{\"code\":\"unauthorized\",\"message\":\"a valid bearer token is required\"}}")
        .expectComplete()
        .verify(Duration.ofSeconds(5));
  }

  @Test
  void tokenSignedWithAnotherSecretIsRejected() {
    String forged =
        JwtTokens.fromSecret("another-secret-of-at-least-thirty-two-bytes", Clock.systemUTC())
            .issue("mallory", Set.of(), Duration.ofMinutes(5));
    MockServerWebExchange exchange =
        exchange(
            MockServerHttpRequest.get("/api/presence").header("Authorization", "Bearer " + forged));

    StepVerifier.create(filter.filter(exchange, e -> Mono.empty()))
        .expectComplete()
        .verify(Duration.ofSeconds(5));

    assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void validTokenPassesWithTheCallerAttached() {
    String token = tokens.issue("alice", Set.of(), Duration.ofMinutes(5));
    MockServerWebExchange exchange =
        exchange(
            MockServerHttpRequest.get("/api/presence").header("Authorization", "Bearer " + token));
    AtomicBoolean passed = new AtomicBoolean();

    StepVerifier.create(filter.filter(exchange, e -> Mono.fromRunnable(() -> passed.set(true))))
        .expectComplete()
        .verify(Duration.ofSeconds(5));

    assertThat(passed).isTrue();
    assertThat(exchange.<AuthenticatedUser>getAttribute(BearerTokenFilter.USER).userId())
        .isEqualTo("alice");
  }

  @Test
  void actuatorStaysOpen() {
    MockServerWebExchange exchange = exchange(MockServerHttpRequest.get("/actuator/health"));
    AtomicBoolean passed = new AtomicBoolean();

    StepVerifier.create(filter.filter(exchange, e -> Mono.fromRunnable(() -> passed.set(true))))
        .expectComplete()
        .verify(Duration.ofSeconds(5));

    assertThat(passed).isTrue();
  }

  @Test
  void prodProfileRefusesTheDevelopmentSecret() {
    MockEnvironment prod = new MockEnvironment();
    prod.setActiveProfiles("prod");
    PresenceProperties devSecret =
        new PresenceProperties("p1", new PresenceProperties.Auth(JwtTokens.DEV_SECRET), null, null);

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new AuthConfiguration().jwtTokens(devSecret, prod))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("JWT_SECRET");
  }

  private static MockServerWebExchange exchange(MockServerHttpRequest.BaseBuilder<?> request) {
    return MockServerWebExchange.from(request);
  }
}
