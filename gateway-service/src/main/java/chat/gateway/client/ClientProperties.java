package chat.gateway.client;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which peers may tell the gateway who the client is.
 *
 * @param trustedProxies IP addresses or CIDR ranges ({@code TRUSTED_PROXIES}, comma-separated, e.g.
 *     {@code 10.0.0.0/8,127.0.0.1}) of reverse proxies in front of the gateway (an ingress
 *     controller, a load balancer). Only for connections from these is {@code X-Forwarded-For}
 *     read. Empty (the default): the TCP peer is the client, {@code X-Forwarded-For} is ignored
 */
@ConfigurationProperties("chat.client")
public record ClientProperties(List<String> trustedProxies) {

  public ClientProperties {
    trustedProxies =
        trustedProxies == null
            ? List.of()
            : trustedProxies.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
