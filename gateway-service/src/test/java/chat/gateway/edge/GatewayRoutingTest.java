package chat.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Routing and authentication through the real gateway to in-test upstreams ({@link TestUpstream}).
 */
class GatewayRoutingTest extends GatewayTestSupport {

  private static final ParameterizedTypeReference<Map<String, Object>> ECHO =
      new ParameterizedTypeReference<>() {};

  @Test
  void authRoutesNeedNoTokenAndReachMessaging() {
    Map<String, Object> echo =
        client
            .post()
            .uri("/api/auth/login")
            .header("X-Forwarded-For", newClientAddress())
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"username\":\"alice\",\"password\":\"x\"}")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(ECHO)
            .returnResult()
            .getResponseBody();

    assertThat((String) echo.get("upstream")).startsWith("messaging-");
    assertThat(echo.get("path")).isEqualTo("/api/auth/login");
  }

  @Test
  void eachApiPrefixReachesItsService() {
    assertThat(upstreamOf("/api/rooms")).startsWith("messaging-");
    assertThat(upstreamOf("/api/rooms/general/messages?beforeSeq=5&limit=2"))
        .startsWith("messaging-");
    assertThat(upstreamOf("/api/presence")).isEqualTo("presence");
    assertThat(upstreamOf("/api/analytics/summary")).isEqualTo("logging");
    assertThat(upstreamOf("/api/search/messages?q=hello%20world")).isEqualTo("logging");
    assertThat(LOGGING.paths).contains("/api/search/messages?q=hello%20world");
  }

  @Test
  void messagingReplicasShareTheLoad() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 4; i++) {
      seen.add(upstreamOf("/api/rooms"));
    }

    assertThat(seen).containsExactlyInAnyOrder("messaging-a", "messaging-b");
  }

  @Test
  void tokenIsForwardedUnchangedAndIdentityHeadersAreStripped() {
    String token = tokenForNewUser();

    Map<String, Object> echo =
        client
            .get()
            .uri("/api/rooms")
            .header("Authorization", "Bearer " + token)
            .header("X-User-Id", "admin")
            .header("X-Forwarded-User", "admin")
            .header("X-User-Roles", "admin")
            .header("Remote-User", "admin")
            .header("X-Forwarded-For", "203.0.113.66")
            .header("Forwarded", "for=203.0.113.66")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(ECHO)
            .returnResult()
            .getResponseBody();

    @SuppressWarnings("unchecked")
    Map<String, List<String>> headers = (Map<String, List<String>>) echo.get("headers");
    assertThat(headers.get("authorization")).containsExactly("Bearer " + token);
    assertThat(headers)
        .doesNotContainKeys(
            "x-user-id", "x-forwarded-user", "x-user-roles", "remote-user", "forwarded");
    assertThat(headers.toString()).doesNotContain("203.0.113.66");
  }

  @Test
  void rolesReachTheServicesInsideTheToken() {
    // Admin-only endpoints live in logging-service, which verifies the token itself and answers
    // 403 to non-admins; the gateway's part is to pass the signed roles through untouched.
    String adminToken = TOKENS.issue("root", Set.of("admin"), Duration.ofHours(1));

    Map<String, Object> echo =
        client
            .get()
            .uri("/api/analytics/summary")
            .header("Authorization", "Bearer " + adminToken)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(ECHO)
            .returnResult()
            .getResponseBody();

    @SuppressWarnings("unchecked")
    Map<String, List<String>> headers = (Map<String, List<String>>) echo.get("headers");
    String forwarded = headers.get("authorization").get(0).substring("Bearer ".length());
    assertThat(TOKENS.verify(forwarded).isAdmin()).isTrue();
  }

  @Test
  void missingTokenIs401BeforeRouting() {
    int before = MESSAGING_A.paths.size() + MESSAGING_B.paths.size();

    assertUnauthorized(null, "/api/rooms");
    assertUnauthorized(null, "/api/presence");
    assertUnauthorized("Basic YWxpY2U6cGFzcw==", "/api/search/messages?q=x");

    assertThat(MESSAGING_A.paths.size() + MESSAGING_B.paths.size()).isEqualTo(before);
  }

  @Test
  void invalidTokensAre401() {
    String valid = tokenForNewUser();
    String[] parts = valid.split("\\.");
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String forgedPayload =
        b64.encodeToString(
            "{\"sub\":\"root\",\"roles\":[\"admin\"],\"exp\":9999999999}"
                .getBytes(StandardCharsets.UTF_8));
    String tampered = parts[0] + "." + forgedPayload + "." + parts[2];
    String algNone =
        b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
            + "."
            + forgedPayload
            + ".";
    String otherSecret =
        chat.events.auth.JwtTokens.fromSecret(
                "some-other-secret-0123456789abcdef0123", java.time.Clock.systemUTC())
            .issue("root", Set.of("admin"), Duration.ofHours(1));
    String expired =
        chat.events.auth.JwtTokens.fromSecret(
                SECRET,
                java.time.Clock.fixed(Instant.now().minus(Duration.ofDays(1)), ZoneOffset.UTC))
            .issue("alice", Set.of(), Duration.ofHours(1));

    for (String token : List.of(tampered, algNone, otherSecret, expired, "garbage")) {
      assertUnauthorized("Bearer " + token, "/api/rooms");
    }
  }

  @Test
  void unknownApiPathIs404InContractShape() {
    client
        .get()
        .uri("/api/nothing-here")
        .header("Authorization", "Bearer " + tokenForNewUser())
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectBody()
        .jsonPath("$.error.code")
        .isEqualTo("not_found")
        .jsonPath("$.error.message")
        .isEqualTo("not found");
  }

  /** Which upstream answered {@code uri} (a fresh user each time: per-user limits stay out). */
  private String upstreamOf(String uri) {
    String token = tokenForNewUser();
    Map<String, Object> echo =
        client
            .get()
            .uri(java.net.URI.create("http://localhost:" + port + uri))
            .header("Authorization", "Bearer " + token)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(ECHO)
            .returnResult()
            .getResponseBody();
    return (String) echo.get("upstream");
  }

  private void assertUnauthorized(String authorization, String uri) {
    var request = client.get().uri(uri);
    if (authorization != null) {
      request = request.header("Authorization", authorization);
    }
    request
        .exchange()
        .expectStatus()
        .isEqualTo(HttpStatus.UNAUTHORIZED)
        .expectHeader()
        .valueEquals("WWW-Authenticate", "Bearer")
        .expectBody()
        .jsonPath("$.error.code")
        .isEqualTo("unauthorized");
  }
}
