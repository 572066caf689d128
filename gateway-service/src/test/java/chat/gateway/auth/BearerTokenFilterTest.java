package chat.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BearerTokenFilterTest {

  @Test
  void everyApiPathButAuthNeedsAToken() {
    assertThat(BearerTokenFilter.requiresToken("/api/rooms")).isTrue();
    assertThat(BearerTokenFilter.requiresToken("/api")).isTrue();
    assertThat(BearerTokenFilter.requiresToken("/api/authx")).isTrue();
    assertThat(BearerTokenFilter.requiresToken("/api/auth/login")).isFalse();
    assertThat(BearerTokenFilter.requiresToken("/socket.io/")).isFalse();
    assertThat(BearerTokenFilter.requiresToken("/")).isFalse();
  }
}
