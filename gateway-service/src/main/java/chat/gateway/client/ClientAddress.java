package chat.gateway.client;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * The client address that counts (for per-address rate limits): the TCP peer, unless the peer is a
 * trusted proxy; then {@code X-Forwarded-For} is read from the right, skipping trusted proxies, and
 * the first address that is not one is the client. Entries left of it were written by the client
 * itself and are never believed.
 */
public final class ClientAddress {

  static final String ATTRIBUTE = ClientAddress.class.getName();

  private final TrustedProxies trusted;

  ClientAddress(TrustedProxies trusted) {
    this.trusted = trusted;
  }

  /** The address {@link InboundHeadersFilter} resolved for this request. */
  public static Optional<String> of(ServerWebExchange exchange) {
    return Optional.ofNullable(exchange.getAttribute(ATTRIBUTE));
  }

  /** The client address of {@code request}, or {@code "unknown"}. */
  String resolve(ServerHttpRequest request) {
    InetSocketAddress remote = request.getRemoteAddress();
    InetAddress peer = remote == null ? null : remote.getAddress();
    if (peer == null) {
      return "unknown";
    }
    if (trusted.isEmpty() || !trusted.contains(peer)) {
      return peer.getHostAddress();
    }
    InetAddress client = peer;
    List<String> forwarded = request.getHeaders().getOrEmpty("X-Forwarded-For");
    List<String> hops =
        forwarded.stream().flatMap(value -> List.of(value.split(",")).stream()).toList();
    for (int i = hops.size() - 1; i >= 0; i--) {
      InetAddress hop = TrustedProxies.parseLiteral(hops.get(i));
      if (hop == null) {
        break; // garbage from the client side: stop at the last address we could trust
      }
      client = hop;
      if (!trusted.contains(hop)) {
        break;
      }
    }
    return client.getHostAddress();
  }
}
