package chat.gateway.client;

import java.util.List;
import java.util.Locale;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Cleans what clients send before anything else looks at it: removes every header a service (ours
 * or a future one) might take as an identity assertion, and records the {@link ClientAddress}.
 * Identity comes from the bearer token only. {@code X-Forwarded-*} and {@code Forwarded} are
 * dropped on the way to the upstreams by Spring Cloud Gateway itself (no trusted proxies are
 * configured there).
 */
@Component
class InboundHeadersFilter implements WebFilter, Ordered {

  static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 20;

  /** Lower-case name prefixes of identity headers that clients may not set. */
  static final List<String> IDENTITY_HEADER_PREFIXES =
      List.of(
          "x-user",
          "x-auth",
          "x-forwarded-user",
          "x-forwarded-email",
          "x-forwarded-groups",
          "x-forwarded-preferred-username",
          "x-forwarded-access-token",
          "x-remote-",
          "remote-user",
          "x-roles",
          "x-role",
          "x-principal",
          "x-admin",
          "x-internal",
          "x-authenticated",
          "x-client-cert",
          "x-ssl-client");

  private final ClientAddress clientAddress;

  InboundHeadersFilter(ClientProperties properties) {
    this.clientAddress = new ClientAddress(TrustedProxies.of(properties.trustedProxies()));
  }

  @Override
  public int getOrder() {
    return ORDER;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    ServerHttpRequest request = exchange.getRequest();
    exchange.getAttributes().put(ClientAddress.ATTRIBUTE, clientAddress.resolve(request));
    List<String> identity =
        request.getHeaders().headerNames().stream()
            .filter(InboundHeadersFilter::isIdentity)
            .toList();
    if (identity.isEmpty()) {
      return chain.filter(exchange);
    }
    ServerHttpRequest cleaned =
        request.mutate().headers(headers -> identity.forEach(headers::remove)).build();
    return chain.filter(exchange.mutate().request(cleaned).build());
  }

  static boolean isIdentity(String headerName) {
    String name = headerName.toLowerCase(Locale.ROOT);
    return IDENTITY_HEADER_PREFIXES.stream().anyMatch(name::startsWith)
        && !name.equals(HttpHeaders.AUTHORIZATION.toLowerCase(Locale.ROOT));
  }
}
