package chat.gateway.spa;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The single-page app the gateway serves.
 *
 * @param dist directory of the built SPA ({@code FRONTEND_DIST}; default {@code frontend/dist}
 *     relative to the working directory): Vite's output, {@code index.html} and hashed files under
 *     {@code assets/}. While it has no {@code index.html}, a placeholder page is served
 */
@ConfigurationProperties("chat.frontend")
public record FrontendProperties(@DefaultValue("frontend/dist") Path dist) {

  public FrontendProperties {
    dist = dist.toAbsolutePath().normalize();
  }
}
