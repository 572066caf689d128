package chat.gateway.browser;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What browsers may do across origins.
 *
 * @param clientUrls origins of the SPA when it is not served by the gateway itself ({@code
 *     CLIENT_URL}, comma-separated; default {@code http://localhost:5173}, Vite's dev server). They
 *     alone get CORS on {@code /api/**} and may open the WebSocket; the gateway's own origin needs
 *     neither CORS nor listing
 * @param allowMissingOrigin whether a WebSocket upgrade without an {@code Origin} header is let
 *     through. Browsers always send one, so its absence means a non-browser client (a CLI, a load
 *     test, socket.io-client in Node), which cannot be a cross-site hijack victim; it still needs a
 *     valid token at messaging-service
 */
@ConfigurationProperties("chat.browser")
public record BrowserProperties(
    @DefaultValue("http://localhost:5173") List<String> clientUrls,
    @DefaultValue("true") boolean allowMissingOrigin) {

  public BrowserProperties {
    clientUrls =
        clientUrls.stream()
            .map(String::trim)
            .filter(url -> !url.isEmpty())
            .map(BrowserProperties::origin)
            .toList();
  }

  /**
   * The origin ({@code scheme://host[:port]}, lower case, default port omitted) of {@code url}.
   *
   * @throws IllegalArgumentException if {@code url} is not an absolute http(s) URL
   */
  static String origin(String url) {
    URI uri = URI.create(url);
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw new IllegalArgumentException("not an http(s) origin: " + url);
    }
    int port = uri.getPort();
    boolean defaultPort =
        port == -1
            || (scheme.equals("http") && port == 80)
            || (scheme.equals("https") && port == 443);
    return scheme
        + "://"
        + uri.getHost().toLowerCase(Locale.ROOT)
        + (defaultPort ? "" : ":" + port);
  }
}
