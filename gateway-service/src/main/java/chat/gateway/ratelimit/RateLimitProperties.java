package chat.gateway.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Request rate limits, enforced in Redis so every gateway replica shares the same buckets.
 *
 * @param authPerMinute sustained {@code /api/auth/**} requests per client address per minute
 *     ({@code AUTH_RATE_LIMIT_PER_MINUTE})
 * @param authBurst {@code /api/auth/**} requests a client address may make at once after a quiet
 *     period ({@code AUTH_RATE_LIMIT_BURST}); 0 means twice {@code authPerMinute}
 * @param apiPerSecond sustained requests per user per second on every other {@code /api/**} route
 *     ({@code API_RATE_LIMIT_PER_SECOND})
 * @param apiBurst burst of other {@code /api/**} requests per user ({@code API_RATE_LIMIT_BURST});
 *     0 means twice {@code apiPerSecond}; never less than {@code apiPerSecond}
 */
@ConfigurationProperties("chat.rate-limit")
public record RateLimitProperties(
    @DefaultValue("10") int authPerMinute,
    @DefaultValue("0") int authBurst,
    @DefaultValue("50") int apiPerSecond,
    @DefaultValue("0") int apiBurst) {

  public RateLimitProperties {
    if (authPerMinute < 1 || apiPerSecond < 1 || authBurst < 0 || apiBurst < 0) {
      throw new IllegalArgumentException("rate limits must be positive");
    }
    authBurst = authBurst == 0 ? 2 * authPerMinute : Math.max(authBurst, 1);
    apiBurst = apiBurst == 0 ? 2 * apiPerSecond : Math.max(apiBurst, apiPerSecond);
  }
}
