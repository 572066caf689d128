package chat.gateway.ratelimit;

import chat.events.UserIds;
import chat.gateway.auth.Caller;
import chat.gateway.client.ClientAddress;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.web.server.ServerWebExchange;

/**
 * A named token bucket configuration and what it counts per.
 *
 * <p>Redis's rate limiter refills {@code replenishRate} tokens per second. A per-minute rate is
 * expressed by making each request cost {@link #TOKENS_PER_MINUTE_REQUEST} tokens: with rate {@code
 * n} tokens/s, a request costing 60 tokens is allowed {@code n} times a minute, and a capacity of
 * {@code 60 * burst} tokens allows {@code burst} requests at once.
 */
enum RateLimitPolicy {
  /** {@code /api/auth/**}: per client address, per minute. */
  AUTH {
    @Override
    RedisRateLimiter.Config config(RateLimitProperties limits) {
      return new RedisRateLimiter.Config()
          .setReplenishRate(limits.authPerMinute())
          .setBurstCapacity((long) limits.authBurst() * TOKENS_PER_MINUTE_REQUEST)
          .setRequestedTokens(TOKENS_PER_MINUTE_REQUEST);
    }

    @Override
    String key(ServerWebExchange exchange) {
      return "ip:" + ClientAddress.of(exchange).orElse("unknown");
    }
  },

  /** Other {@code /api/**}: per authenticated user (any case), per second. */
  API {
    @Override
    RedisRateLimiter.Config config(RateLimitProperties limits) {
      return new RedisRateLimiter.Config()
          .setReplenishRate(limits.apiPerSecond())
          .setBurstCapacity(limits.apiBurst())
          .setRequestedTokens(1);
    }

    @Override
    String key(ServerWebExchange exchange) {
      return Caller.of(exchange)
          .map(user -> "user:" + UserIds.canonical(user.userId()))
          .orElseGet(() -> "ip:" + ClientAddress.of(exchange).orElse("unknown"));
    }
  };

  static final int TOKENS_PER_MINUTE_REQUEST = 60;

  /** The bucket settings under the limiter's id {@link #id()}. */
  abstract RedisRateLimiter.Config config(RateLimitProperties limits);

  /** The bucket this request draws from. */
  abstract String key(ServerWebExchange exchange);

  /** The id the limiter keeps this policy's configuration and Redis keys under. */
  String id() {
    return "chat-" + name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * Seconds until a request would be allowed again: the missing tokens divided by the refill rate,
   * rounded up, at least 1.
   */
  static long retryAfterSeconds(RedisRateLimiter.Config config, long tokensLeft) {
    long missing = Math.max(1, config.getRequestedTokens() - Math.max(0, tokensLeft));
    return Math.max(1, (long) Math.ceil(missing / config.getReplenishRate()));
  }
}
