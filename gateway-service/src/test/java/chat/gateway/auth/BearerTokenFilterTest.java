package chat.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

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

  @Test
  void onlyBearerCredentialsAreTaken() {
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.AUTHORIZATION, "bearer abc.def.ghi ");
    assertThat(BearerTokenFilter.bearerToken(headers)).isEqualTo("abc.def.ghi");

    headers.set(HttpHeaders.AUTHORIZATION, "Basic YWxpY2U6cHc=");
    assertThat(BearerTokenFilter.bearerToken(headers)).isNull();
  }
}
