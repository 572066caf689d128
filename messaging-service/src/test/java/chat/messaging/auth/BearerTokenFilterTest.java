package chat.messaging.auth;

import static org.assertj.core.api.Assertions.assertThat;

import chat.events.auth.AuthenticatedUser;
import chat.events.auth.JwtTokens;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class BearerTokenFilterTest {

  private static final String SECRET = "test-secret-0123456789abcdef0123456789";
  private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
  private final JwtTokens tokens = JwtTokens.fromSecret(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));
  private final BearerTokenFilter filter = new BearerTokenFilter(tokens);

  @Test
  void validTokenReachesHandlerWithCurrentUser() {
    String token = tokens.issue("alice", Set.of("admin"), Duration.ofHours(1));
    Result result =
        run(MockServerHttpRequest.get("/api/rooms").header("Authorization", "Bearer " + token));

    assertThat(result.reached()).isTrue();
    assertThat(result.user().userId()).isEqualTo("alice");
    assertThat(result.user().isAdmin()).isTrue();
  }

  @Test
  void bearerSchemeIsCaseInsensitive() {
    String token = tokens.issue("alice", Set.of(), Duration.ofHours(1));
    Result result =
        run(MockServerHttpRequest.get("/api/rooms").header("Authorization", "bearer " + token));

    assertThat(result.reached()).isTrue();
  }

  @Test
  void missingTokenIs401WithContractBody() {
    Result result = run(MockServerHttpRequest.get("/api/rooms/general/messages"));

    assertUnauthorized(result);
  }

  @Test
  void identityHeadersWithoutTokenAreIgnored() {
    Result result =
        run(
            MockServerHttpRequest.get("/api/rooms")
                .header("X-User-Id", "alice")
                .header("X-Forwarded-User", "alice"));

    assertUnauthorized(result);
  }

  @Test
  void identityHeadersNeverOverrideTheTokenSubject() {
    String token = tokens.issue("bob", Set.of(), Duration.ofHours(1));
    Result result =
        run(
            MockServerHttpRequest.get("/api/rooms")
                .header("Authorization", "Bearer " + token)
                .header("X-User-Id", "alice"));

    assertThat(result.user().userId()).isEqualTo("bob");
  }

  @Test
  void tamperedTokenIsRejected() {
    String token = tokens.issue("bob", Set.of(), Duration.ofHours(1));
    String[] parts = token.split("\\.");
    String payload =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                "{\"sub\":\"alice\",\"roles\":[\"admin\"],\"exp\":9999999999}"
                    .getBytes(StandardCharsets.UTF_8));

    assertUnauthorized(bearer(parts[0] + "." + payload + "." + parts[2]));
  }

  @Test
  void expiredTokenIsRejected() {
    JwtTokens past =
        JwtTokens.fromSecret(SECRET, Clock.fixed(NOW.minus(Duration.ofDays(1)), ZoneOffset.UTC));

    assertUnauthorized(bearer(past.issue("alice", Set.of(), Duration.ofHours(1))));
  }

  @Test
  void algNoneTokenIsRejected() {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes());
    String payload = b64.encodeToString("{\"sub\":\"alice\",\"exp\":9999999999}".getBytes());

    assertUnauthorized(bearer(header + "." + payload + "."));
  }

  @Test
  void tokenOfAnotherSecretIsRejected() {
    JwtTokens other =
        JwtTokens.fromSecret(
            "another-secret-0123456789abcdef01234", Clock.fixed(NOW, ZoneOffset.UTC));

    assertUnauthorized(bearer(other.issue("alice", Set.of(), Duration.ofHours(1))));
  }

  @Test
  void authEndpointsAndNonApiPathsNeedNoToken() {
    assertThat(run(MockServerHttpRequest.post("/api/auth/login")).reached()).isTrue();
    assertThat(run(MockServerHttpRequest.post("/api/auth/register")).reached()).isTrue();
    assertThat(run(MockServerHttpRequest.get("/actuator/health")).reached()).isTrue();
    assertThat(run(MockServerHttpRequest.get("/socket.io/")).reached()).isTrue();
  }

  @Test
  void pathsThatOnlyLookLikeAuthNeedAToken() {
    assertUnauthorized(run(MockServerHttpRequest.get("/api/authx")));
    assertUnauthorized(run(MockServerHttpRequest.get("/api")));
  }

  private Result bearer(String token) {
    return run(MockServerHttpRequest.get("/api/rooms").header("Authorization", "Bearer " + token));
  }

  private static void assertUnauthorized(Result result) {
    assertThat(result.reached()).isFalse();
    assertThat(result.exchange().getResponse().getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(result.exchange().getResponse().getHeaders().getFirst("WWW-Authenticate"))
        .isEqualTo("Bearer");
    StepVerifier.create(result.exchange().getResponse().getBodyAsString())
        .assertNext(
            body ->
                assertThat(body)
                    .isEqualTo(
                        "{\"error\":{\"code\":\"unauthorized\","
                            + "\"message\":\"a valid bearer token is required\"}}"))
        .expectComplete()
        .verify(Duration.ofSeconds(5));
  }

  private Result run(MockServerHttpRequest.BaseBuilder<?> request) {
    MockServerWebExchange exchange = MockServerWebExchange.from(request);
    AtomicReference<ServerWebExchange> reached = new AtomicReference<>();
    WebFilterChain chain =
        e -> {
          reached.set(e);
          return Mono.empty();
        };
    StepVerifier.create(filter.filter(exchange, chain))
        .expectComplete()
        .verify(Duration.ofSeconds(5));
    AuthenticatedUser user =
        reached.get() == null ? null : CurrentUser.find(reached.get()).orElse(null);
    return new Result(exchange, reached.get() != null, user);
  }

  private record Result(MockServerWebExchange exchange, boolean reached, AuthenticatedUser user) {}
}
