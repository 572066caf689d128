package chat.gateway.route;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;

import io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.support.NotFoundException;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * Resolves {@code lb://<upstream>} route URIs to one replica from {@link UpstreamProperties}: round
 * robin over the replicas, skipping for {@link #EJECT_FOR} any replica that refused or timed out a
 * connection (the failed request itself gets 503; the next one goes elsewhere). If every replica is
 * ejected, round robin over all of them again, so a recovering upstream is found at once.
 *
 * <p>Runs right after {@link RouteToRequestUrlFilter} has built the {@code lb://} request URL and
 * before the gateway's stand-in for Spring Cloud LoadBalancer (order 10150), which would refuse it.
 * The WebSocket routing filter later turns {@code http} into {@code ws} for upgrades.
 */
@Component
class ReplicaLoadBalancerFilter implements GlobalFilter, Ordered {

  static final int ORDER = RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 100;
  static final Duration EJECT_FOR = Duration.ofSeconds(5);

  private final Map<String, Replicas> upstreams;
  private final Clock clock;

  @Autowired
  ReplicaLoadBalancerFilter(UpstreamProperties properties) {
    this(properties.byName(), Clock.systemUTC());
  }

  ReplicaLoadBalancerFilter(Map<String, List<URI>> upstreams, Clock clock) {
    this.upstreams =
        upstreams.entrySet().stream()
            .collect(
                Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> new Replicas(e.getValue())));
    this.clock = clock;
  }

  @Override
  public int getOrder() {
    return ORDER;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    URI url = exchange.getAttribute(GATEWAY_REQUEST_URL_ATTR);
    if (url == null || !"lb".equals(url.getScheme())) {
      return chain.filter(exchange);
    }
    Replicas replicas = upstreams.get(url.getHost());
    if (replicas == null) {
      return Mono.error(NotFoundException.create(false, "no such upstream"));
    }
    URI replica = replicas.next(clock.millis());
    exchange.getAttributes().put(GATEWAY_REQUEST_URL_ATTR, resolve(url, replica));
    return chain
        .filter(exchange)
        .doOnError(
            error -> {
              if (isConnectFailure(error)) {
                replicas.eject(replica, clock.millis() + EJECT_FOR.toMillis());
              }
            });
  }

  /** {@code url}'s path and query on {@code replica}'s scheme, host and port. */
  static URI resolve(URI url, URI replica) {
    return UriComponentsBuilder.fromUri(url)
        .scheme(replica.getScheme())
        .host(replica.getHost())
        .port(replica.getPort())
        .build(true)
        .toUri();
  }

  private static boolean isConnectFailure(Throwable error) {
    for (Throwable e = error; e != null; e = e.getCause()) {
      if (e instanceof ConnectException || e instanceof ConnectTimeoutException) {
        return true;
      }
    }
    return false;
  }

  /** The replicas of one upstream and until when each is ejected. */
  static final class Replicas {
    private final List<URI> uris;
    private final Map<URI, Long> ejectedUntil = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger();

    Replicas(List<URI> uris) {
      this.uris = List.copyOf(uris);
    }

    URI next(long nowMillis) {
      int start = Math.floorMod(next.getAndIncrement(), uris.size());
      for (int i = 0; i < uris.size(); i++) {
        URI candidate = uris.get((start + i) % uris.size());
        if (ejectedUntil.getOrDefault(candidate, 0L) <= nowMillis) {
          return candidate;
        }
      }
      return uris.get(start);
    }

    void eject(URI replica, long untilMillis) {
      ejectedUntil.put(replica, untilMillis);
    }
  }
}
