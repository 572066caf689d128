package chat.messaging.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.events.auth.JwtTokens;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class AuthPropertiesTest {

  @Test
  void adminUsersAreMatchedWithoutRegardToCase() {
    AuthProperties properties = properties("secret", Set.of(" Alice ", "BOB", ""));

    assertThat(properties.isAdmin("alice")).isTrue();
    assertThat(properties.isAdmin("ALICE")).isTrue();
    assertThat(properties.isAdmin("bob")).isTrue();
    assertThat(properties.isAdmin("carol")).isFalse();
  }

  @Test
  void prodProfileRefusesTheDevSecret() {
    MockEnvironment prod = new MockEnvironment();
    prod.setActiveProfiles("prod");

    assertThatThrownBy(
            () ->
                new AuthConfiguration().jwtTokens(properties(JwtTokens.DEV_SECRET, Set.of()), prod))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new AuthConfiguration().jwtTokens(properties(null, Set.of()), prod))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new AuthConfiguration().jwtTokens(properties("short", Set.of()), prod))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void prodProfileAcceptsARealSecret() {
    MockEnvironment prod = new MockEnvironment();
    prod.setActiveProfiles("prod");

    assertThat(
            new AuthConfiguration()
                .jwtTokens(properties("a-real-secret-of-32-bytes-or-more-000", Set.of()), prod))
        .isNotNull();
  }

  private static AuthProperties properties(String secret, Set<String> admins) {
    return new AuthProperties(secret, admins, Duration.ofHours(12), 4, 1, 8);
  }
}
