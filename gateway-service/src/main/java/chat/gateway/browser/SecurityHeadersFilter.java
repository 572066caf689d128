package chat.gateway.browser;

import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Security headers on every response (set just before it is committed, so they also replace
 * whatever an upstream sent):
 *
 * <ul>
 *   <li>the SPA and everything else outside {@code /api/} and {@code /socket.io/}: a CSP that
 *       allows scripts, styles, fonts and images from the gateway's own origin only ({@code data:}
 *       images and fonts, which Vite inlines), connections to the own origin and its WebSocket
 *       endpoint, no plugins, no framing, no foreign form targets;
 *   <li>API responses: {@code default-src 'none'; frame-ancestors 'none'} (JSON is never a page);
 *   <li>all: {@code X-Content-Type-Options: nosniff}, {@code Referrer-Policy: no-referrer}, {@code
 *       X-Frame-Options: DENY} (for browsers without {@code frame-ancestors}), {@code
 *       Cross-Origin-Opener-Policy: same-origin}.
 * </ul>
 */
@Component
class SecurityHeadersFilter implements WebFilter, Ordered {

  static final int ORDER = Ordered.HIGHEST_PRECEDENCE;

  static final String API_CSP = "default-src 'none'; frame-ancestors 'none'";

  /** A Host header we are willing to echo into the CSP: a name or IP literal and a port. */
  private static final Pattern SAFE_HOST =
      Pattern.compile("([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\])(:\\d{1,5})?");

  @Override
  public int getOrder() {
    return ORDER;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    ServerHttpRequest request = exchange.getRequest();
    if (WebSocketOriginFilter.isWebSocketUpgrade(request)) {
      return chain.filter(exchange);
    }
    String path = request.getPath().pathWithinApplication().value();
    String csp = isApi(path) ? API_CSP : spaPolicy(request.getHeaders().getFirst(HttpHeaders.HOST));
    exchange
        .getResponse()
        .beforeCommit(
            () -> {
              HttpHeaders headers = exchange.getResponse().getHeaders();
              headers.set("Content-Security-Policy", csp);
              headers.set("X-Content-Type-Options", "nosniff");
              headers.set("Referrer-Policy", "no-referrer");
              headers.set("X-Frame-Options", "DENY");
              headers.set("Cross-Origin-Opener-Policy", "same-origin");
              return Mono.empty();
            });
    return chain.filter(exchange);
  }

  private static boolean isApi(String path) {
    return path.equals("/api") || path.startsWith("/api/") || path.startsWith("/socket.io/");
  }

  /**
   * The SPA's policy. {@code 'self'} covers {@code ws:}/{@code wss:} to the own host only in CSP
   * level 3 browsers, so the WebSocket endpoint of the addressed host is named explicitly.
   */
  static String spaPolicy(String host) {
    String websocket = "";
    if (host != null && SAFE_HOST.matcher(host.trim()).matches()) {
      String h = host.trim();
      websocket = " ws://" + h + "/socket.io/ wss://" + h + "/socket.io/";
    }
    return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        + "font-src 'self' data:; connect-src 'self'"
        + websocket
        + "; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
  }
}
