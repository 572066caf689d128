package chat.gateway.route;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the routes go. Routes name an upstream as {@code lb://<name>}; each request picks the next
 * replica of that name (round robin, skipping replicas that refused a connection in the last few
 * seconds).
 *
 * @param messaging replicas of messaging-service ({@code MESSAGING_URL}, comma-separated base URLs)
 * @param presence replicas of presence-service ({@code PRESENCE_URL}, comma-separated)
 * @param logging replicas of logging-service ({@code LOGGING_URL}, comma-separated)
 */
@ConfigurationProperties("chat.upstreams")
public record UpstreamProperties(List<URI> messaging, List<URI> presence, List<URI> logging) {

  public UpstreamProperties {
    messaging = check("messaging", messaging);
    presence = check("presence", presence);
    logging = check("logging", logging);
  }

  /** Upstream name (the host of an {@code lb://} route URI) to its replicas. */
  public Map<String, List<URI>> byName() {
    return Map.of("messaging", messaging, "presence", presence, "logging", logging);
  }

  private static List<URI> check(String name, List<URI> uris) {
    if (uris == null || uris.isEmpty()) {
      throw new IllegalArgumentException("chat.upstreams." + name + " needs at least one URL");
    }
    for (URI uri : uris) {
      if (uri.getHost() == null
          || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
        throw new IllegalArgumentException(
            "chat.upstreams." + name + ": not an http(s) base URL: " + uri);
      }
    }
    return List.copyOf(uris);
  }
}
