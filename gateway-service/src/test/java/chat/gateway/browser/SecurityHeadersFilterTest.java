package chat.gateway.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecurityHeadersFilterTest {

  @Test
  void spaPolicyAllowsOnlySelfAndTheWebSocketEndpoint() {
    String csp = SecurityHeadersFilter.spaPolicy("chat.example.com");

    assertThat(csp)
        .contains("default-src 'self'")
        .contains("script-src 'self';")
        .contains(
            "connect-src 'self' ws://chat.example.com/socket.io/ wss://chat.example.com/socket.io/;")
        .contains("frame-ancestors 'none'")
        .contains("object-src 'none'")
        .doesNotContain("unsafe-inline", "unsafe-eval", "*");
  }

  @Test
  void aHostHeaderThatCouldInjectDirectivesIsNotEchoed() {
    String csp = SecurityHeadersFilter.spaPolicy("evil; script-src *");

    assertThat(csp).doesNotContain("evil").contains("connect-src 'self';");
  }
}
