package chat.events.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JwtTokensTest {

  private static final String SECRET = "0123456789abcdef0123456789abcdef";
  private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
  private final JwtTokens tokens = JwtTokens.fromSecret(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void issuedTokenVerifiesToItsSubjectAndRoles() {
    String token = tokens.issue("alice", Set.of("admin"), Duration.ofHours(12));

    AuthenticatedUser user = tokens.verify(token);

    assertThat(user.userId()).isEqualTo("alice");
    assertThat(user.isAdmin()).isTrue();
    assertThat(user.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(12)));
  }

  @Test
  void tokenWithoutRolesIsNotAdmin() {
    AuthenticatedUser user = tokens.verify(tokens.issue("bob", Set.of(), Duration.ofHours(1)));

    assertThat(user.isAdmin()).isFalse();
  }

  @Test
  void rejectsExpiredToken() {
    String token = tokens.issue("alice", Set.of(), Duration.ofMinutes(5));
    JwtTokens later =
        JwtTokens.fromSecret(SECRET, Clock.fixed(NOW.plus(Duration.ofMinutes(5)), ZoneOffset.UTC));

    assertThatThrownBy(() -> later.verify(token))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessage("expired");
  }

  @Test
  void rejectsTokenSignedWithAnotherSecret() {
    JwtTokens other =
        JwtTokens.fromSecret(
            "another-secret-that-is-long-enough!!", Clock.fixed(NOW, ZoneOffset.UTC));
    String token = other.issue("alice", Set.of(), Duration.ofHours(1));

    assertThatThrownBy(() -> tokens.verify(token)).hasMessage("bad signature");
  }

  @Test
  void rejectsTamperedPayload() {
    String[] parts = tokens.issue("alice", Set.of(), Duration.ofHours(1)).split("\\.");
    String forged =
        parts[0] + "." + base64("{\"sub\":\"bob\",\"roles\":[\"admin\"],\"exp\":9999999999}");

    assertThatThrownBy(() -> tokens.verify(forged + "." + parts[2])).hasMessage("bad signature");
  }

  @Test
  void rejectsAlgNone() {
    String token =
        base64("{\"alg\":\"none\",\"typ\":\"JWT\"}")
            + "."
            + base64("{\"sub\":\"alice\",\"exp\":9999999999}")
            + ".";

    assertThatThrownBy(() -> tokens.verify(token)).hasMessage("unsupported alg");
  }

  @Test
  void rejectsTokenWithoutSubject() {
    assertThatThrownBy(() -> tokens.verify(tokens.issue(" ", Set.of(), Duration.ofHours(1))))
        .hasMessage("no subject");
  }

  @Test
  void rejectsGarbage() {
    assertThatThrownBy(() -> tokens.verify("not-a-token"))
        .isInstanceOf(InvalidTokenException.class);
    assertThatThrownBy(() -> tokens.verify("a.b.c")).isInstanceOf(InvalidTokenException.class);
    assertThatThrownBy(() -> tokens.verify(null)).hasMessage("missing token");
  }

  @Test
  void refusesShortSecret() {
    assertThatThrownBy(() -> JwtTokens.fromSecret("short", Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void verifiesBearerAuthorizationHeadersOnly() {
    String token = tokens.issue("alice", Set.of(), Duration.ofHours(1));

    assertThat(tokens.verifyAuthorization("Bearer " + token).userId()).isEqualTo("alice");
    assertThat(tokens.verifyAuthorization("bearer  " + token).userId()).isEqualTo("alice");
    assertThatThrownBy(() -> tokens.verifyAuthorization("Basic " + token))
        .hasMessage("missing bearer token");
    assertThatThrownBy(() -> tokens.verifyAuthorization(null)).hasMessage("missing bearer token");
    assertThatThrownBy(() -> tokens.verifyAuthorization("Bearer ")).hasMessage("missing token");
  }

  @Test
  void productionRefusesMissingOrDevelopmentSecret() {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    for (String secret : new String[] {null, " ", "short", JwtTokens.DEV_SECRET}) {
      assertThatThrownBy(() -> JwtTokens.forService(secret, true, clock))
          .isInstanceOf(IllegalStateException.class);
    }
    assertThat(JwtTokens.forService(SECRET, true, clock)).isNotNull();
  }

  @Test
  void developmentAcceptsTheDevelopmentSecret() {
    assertThat(JwtTokens.forService(JwtTokens.DEV_SECRET, false, Clock.systemUTC())).isNotNull();
  }

  private static String base64(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
