package chat.gateway.websocket;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.WebsocketRoutingFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;

/**
 * Routes WebSocket upgrades by relaying bytes instead of frames. Spring Cloud Gateway's own {@link
 * WebsocketRoutingFilter} terminates the WebSocket at the gateway and opens a second one to the
 * upstream: every frame is decoded, turned into a Spring message, re-encoded and flushed on its own
 * (at 40,000 deliveries a second the gateway used 36-49 % of a core, 42 % of it in user space; with
 * the relay 18 %, the rest being loopback TCP). Here the browser's upgrade request is forwarded to
 * the upstream as it is (headers through the gateway's usual header filters), the upstream's 101 is
 * returned to the browser, and from then on the two connections are joined by a {@link ByteRelay}.
 * What the WebSocket filters of this gateway check (origin, route, replica) happens before,
 * unchanged; a refused upgrade (non-101) is answered with the upstream's response.
 *
 * <p>Runs just before the routing filters and only for upgrades to an {@code http}/{@code ws}
 * upstream on a Reactor Netty server; anything else continues down the chain.
 */
@Component
class WebSocketRelayFilter implements GlobalFilter, Ordered {

  static final int ORDER = Ordered.LOWEST_PRECEDENCE - 2; // WebsocketRoutingFilter: - 1

  private final ObjectProvider<List<HttpHeadersFilter>> headersFilters;
  private final Duration connectTimeout;
  private final Duration answerTimeout;
  private final long maxFramePayload;
  private final AtomicInteger open = new AtomicInteger();

  WebSocketRelayFilter(
      ObjectProvider<List<HttpHeadersFilter>> headersFilters,
      HttpClientProperties httpClient,
      MeterRegistry meters) {
    this.headersFilters = headersFilters;
    this.connectTimeout =
        Duration.ofMillis(
            httpClient.getConnectTimeout() == null ? 2000 : httpClient.getConnectTimeout());
    this.answerTimeout =
        httpClient.getResponseTimeout() == null
            ? Duration.ofSeconds(30)
            : httpClient.getResponseTimeout();
    Integer frameLimit = httpClient.getWebsocket().getMaxFramePayloadLength();
    this.maxFramePayload = frameLimit == null ? 65_536 : frameLimit;
    Gauge.builder("chat.gateway.websockets", open, AtomicInteger::get)
        .description("WebSocket connections relayed to an upstream now")
        .register(meters);
  }

  @Override
  public int getOrder() {
    return ORDER;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    URI url = exchange.getAttribute(GATEWAY_REQUEST_URL_ATTR);
    ServerHttpRequest request = exchange.getRequest();
    Channel browser = channelOf(request);
    if (url == null
        || browser == null
        || ServerWebExchangeUtils.isAlreadyRouted(exchange)
        || !isUpgrade(request.getHeaders())
        || !List.of("http", "ws").contains(url.getScheme())) {
      return chain.filter(exchange);
    }
    ServerWebExchangeUtils.setAlreadyRouted(exchange);
    int port = url.getPort() > 0 ? url.getPort() : 80;
    return Mono.fromCallable(() -> new InetSocketAddress(url.getHost(), port))
        .subscribeOn(Schedulers.boundedElastic()) // name lookups block
        .flatMap(
            address ->
                // On the browser connection's event loop, with a channel of the same transport
                // (epoll or NIO; the accepted connection's class is also a client channel): the
                // relay then never hands bytes between threads.
                UpstreamHandshake.connect(
                    browser.eventLoop(),
                    browser.getClass(),
                    address,
                    upgradeRequest(exchange, url),
                    connectTimeout,
                    answerTimeout))
        .flatMap(
            answer ->
                answer.upgraded() != null
                    ? relay(browser, answer.upgraded())
                    : refuse(exchange.getResponse(), answer.refused()));
  }

  private Mono<Void> relay(Channel browser, UpstreamHandshake.Upgraded upstream) {
    open.incrementAndGet();
    return ByteRelay.join(browser, upstream.channel(), upstream.greeting(), maxFramePayload)
        .doFinally(signal -> open.decrementAndGet());
  }

  /** The upstream's answer to an upgrade it refused, passed on over HTTP. */
  private static Mono<Void> refuse(ServerHttpResponse response, FullHttpResponse refused) {
    try {
      response.setStatusCode(HttpStatusCode.valueOf(refused.status().code()));
      for (var header : refused.headers()) {
        if (!HttpHeaders.CONNECTION.equalsIgnoreCase(header.getKey())
            && !HttpHeaders.TRANSFER_ENCODING.equalsIgnoreCase(header.getKey())) {
          response.getHeaders().add(header.getKey(), header.getValue());
        }
      }
      byte[] body = new byte[refused.content().readableBytes()];
      refused.content().readBytes(body);
      return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    } finally {
      refused.release();
    }
  }

  /** The browser's request for the upstream: its path and query, the filtered headers. */
  private FullHttpRequest upgradeRequest(ServerWebExchange exchange, URI url) {
    String target = url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
    FullHttpRequest request =
        new DefaultFullHttpRequest(
            HttpVersion.HTTP_1_1,
            HttpMethod.GET,
            target.isEmpty() ? "/" : target,
            Unpooled.EMPTY_BUFFER);
    HttpHeaders filtered =
        HttpHeadersFilter.filterRequest(headersFilters.getIfAvailable(List::of), exchange);
    filtered.forEach((name, values) -> request.headers().add(name, values));
    // Hop-by-hop headers are dropped by the filters; these two make the request an upgrade again.
    request
        .headers()
        .set(HttpHeaders.HOST, url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : ""));
    request.headers().set(HttpHeaders.CONNECTION, "Upgrade");
    request.headers().set(HttpHeaders.UPGRADE, "websocket");
    return request;
  }

  private static boolean isUpgrade(HttpHeaders headers) {
    return "websocket".equalsIgnoreCase(headers.getUpgrade());
  }

  /** The Netty connection under a Reactor Netty request; null on any other server. */
  private static Channel channelOf(ServerHttpRequest request) {
    try {
      Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(request);
      return nativeRequest instanceof Connection connection ? connection.channel() : null;
    } catch (IllegalArgumentException notAServerRequest) {
      return null;
    }
  }
}
