package chat.gateway.browser;

import java.util.Locale;
import org.springframework.http.HttpHeaders;

/** Origin comparisons shared by the CORS and WebSocket checks. */
final class Origins {

  private Origins() {}

  /**
   * Whether the request's {@code Origin} is the gateway's own: the origin's host and port equal the
   * {@code Host} the client addressed. The scheme is not compared with the connection's: behind a
   * TLS-terminating proxy the browser says {@code https} while the gateway sees plain HTTP; the
   * default port is taken from the origin's scheme.
   *
   * @param origin a normalized origin ({@link BrowserProperties#origin})
   */
  static boolean isSameOrigin(String origin, HttpHeaders headers) {
    String host = headers.getFirst(HttpHeaders.HOST);
    if (host == null || host.isBlank()) {
      return false;
    }
    boolean https = origin.startsWith("https://");
    String hostPort = host.trim().toLowerCase(Locale.ROOT);
    if (https && hostPort.endsWith(":443")) {
      hostPort = hostPort.substring(0, hostPort.length() - 4);
    } else if (!https && hostPort.endsWith(":80")) {
      hostPort = hostPort.substring(0, hostPort.length() - 3);
    }
    return origin.equals((https ? "https://" : "http://") + hostPort);
  }

  /** The normalized {@code Origin} header, or null if absent or not an http(s) origin. */
  static String normalizedOrigin(HttpHeaders headers) {
    String origin = headers.getOrigin();
    if (origin == null) {
      return null;
    }
    try {
      return BrowserProperties.origin(origin);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
