package chat.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class ClientAddressTest {

  private final ClientAddress noProxies = new ClientAddress(TrustedProxies.of(List.of()));
  private final ClientAddress behindIngress =
      new ClientAddress(TrustedProxies.of(List.of("10.0.0.0/8", "::1")));

  @Test
  void withoutTrustedProxiesTheTcpPeerCountsAndForwardedForIsIgnored() {
    assertThat(noProxies.resolve(request("203.0.113.9", "198.51.100.1"))).isEqualTo("203.0.113.9");
  }

  @Test
  void untrustedPeerCannotClaimAnotherAddress() {
    assertThat(behindIngress.resolve(request("203.0.113.9", "198.51.100.1")))
        .isEqualTo("203.0.113.9");
  }

  @Test
  void trustedProxyReportsTheClient() {
    assertThat(behindIngress.resolve(request("10.1.2.3", "198.51.100.1")))
        .isEqualTo("198.51.100.1");
  }

  @Test
  void entriesWrittenByTheClientLeftOfTheLastUntrustedHopAreIgnored() {
    // The client sent "X-Forwarded-For: 1.1.1.1"; the ingress appended the real peer.
    assertThat(behindIngress.resolve(request("10.1.2.3", "1.1.1.1, 198.51.100.1")))
        .isEqualTo("198.51.100.1");
  }

  @Test
  void chainsOfTrustedProxiesAreSkipped() {
    assertThat(behindIngress.resolve(request("10.1.2.3", "198.51.100.1, 10.9.9.9")))
        .isEqualTo("198.51.100.1");
  }

  @Test
  void garbageStopsTheWalkAtTheLastTrustedHop() {
    assertThat(behindIngress.resolve(request("10.1.2.3", "evil.example, 10.9.9.9")))
        .isEqualTo("10.9.9.9");
    assertThat(behindIngress.resolve(request("10.1.2.3", null))).isEqualTo("10.1.2.3");
  }

  @Test
  void ipv6LoopbackCanBeTrusted() {
    assertThat(behindIngress.resolve(request("::1", "2001:db8::7")))
        .isEqualTo("2001:db8:0:0:0:0:0:7");
  }

  @Test
  void trustedProxiesAreIpLiteralsOrCidrsOnly() {
    assertThatThrownBy(() -> TrustedProxies.of(List.of("proxy.internal")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TrustedProxies.of(List.of("10.0.0.0/33")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(TrustedProxies.parseLiteral("example.com")).isNull();
  }

  private static MockServerHttpRequest request(String peer, String forwardedFor) {
    MockServerHttpRequest.BaseBuilder<?> builder =
        MockServerHttpRequest.get("/api/auth/login")
            .remoteAddress(new InetSocketAddress(TrustedProxies.parseLiteral(peer), 40000));
    if (forwardedFor != null) {
      builder.header("X-Forwarded-For", forwardedFor);
    }
    return builder.build();
  }
}
