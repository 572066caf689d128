package chat.gateway.ratelimit;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import chat.gateway.error.ErrorBodies;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Route filter {@code RateLimit=auth} or {@code RateLimit=api}: draws one request from the policy's
 * Redis token bucket ({@link RedisRateLimiter}) and answers 429 with the contract's error body and
 * {@code Retry-After} when it is empty; counts rejections as {@code chat.gateway.rate_limited}
 * (tags {@code route}, {@code policy}). If Redis is unreachable, requests are let through (the
 * limiter fails open, by design of Spring Cloud Gateway's limiter) and readiness reports Redis
 * down.
 */
@Component
class RateLimitGatewayFilterFactory
    extends AbstractGatewayFilterFactory<RateLimitGatewayFilterFactory.Config> {

  static final String REJECTED_METRIC = "chat.gateway.rate_limited";
  static final String ERROR_METRIC = "chat.gateway.rate_limiter_errors";
  static final Duration ERROR_LOG_INTERVAL = Duration.ofSeconds(30);
  private static final Logger log = LoggerFactory.getLogger(RateLimitGatewayFilterFactory.class);

  private final AtomicLong nextErrorLog = new AtomicLong();

  private final RedisRateLimiter limiter;
  private final RateLimitProperties limits;
  private final MeterRegistry meters;

  RateLimitGatewayFilterFactory(
      RedisRateLimiter limiter, RateLimitProperties limits, MeterRegistry meters) {
    super(Config.class);
    this.limiter = limiter;
    this.limits = limits;
    this.meters = meters;
    for (RateLimitPolicy policy : RateLimitPolicy.values()) {
      limiter.getConfig().put(policy.id(), policy.config(limits));
    }
  }

  /** Route arguments. */
  public static class Config {
    private String policy;

    public String getPolicy() {
      return policy;
    }

    public void setPolicy(String policy) {
      this.policy = policy;
    }
  }

  @Override
  public List<String> shortcutFieldOrder() {
    return List.of("policy");
  }

  @Override
  public GatewayFilter apply(Config config) {
    RateLimitPolicy policy = RateLimitPolicy.valueOf(config.getPolicy().toUpperCase(Locale.ROOT));
    RedisRateLimiter.Config bucket = policy.config(limits);
    return (exchange, chain) ->
        limiter
            .isAllowed(policy.id(), policy.key(exchange))
            .flatMap(
                response -> {
                  long tokensLeft =
                      tokensLeft(response.getHeaders().get(RedisRateLimiter.REMAINING_HEADER));
                  if (tokensLeft < 0) {
                    limiterFailed(policy);
                    if (policy == RateLimitPolicy.AUTH) {
                      exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
                      return ErrorBodies.write(
                          exchange.getResponse(),
                          HttpStatus.SERVICE_UNAVAILABLE,
                          "sign-in temporarily unavailable, retry shortly");
                    }
                    return chain.filter(exchange);
                  }
                  if (response.isAllowed()) {
                    return chain.filter(exchange);
                  }
                  rejected(exchange, policy).increment();
                  exchange
                      .getResponse()
                      .getHeaders()
                      .set(
                          HttpHeaders.RETRY_AFTER,
                          Long.toString(RateLimitPolicy.retryAfterSeconds(bucket, tokensLeft)));
                  return ErrorBodies.write(
                      exchange.getResponse(),
                      HttpStatus.TOO_MANY_REQUESTS,
                      "too many requests, retry later");
                });
  }

  private Counter rejected(ServerWebExchange exchange, RateLimitPolicy policy) {
    Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
    return Counter.builder(REJECTED_METRIC)
        .description("Requests answered 429 by the gateway's rate limits")
        .tag("route", route == null ? "unknown" : route.getId())
        .tag("policy", policy.name().toLowerCase(Locale.ROOT))
        .register(meters);
  }

  private void limiterFailed(RateLimitPolicy policy) {
    Counter.builder(ERROR_METRIC)
        .description("Rate limit checks that Redis could not answer")
        .tag("policy", policy.name().toLowerCase(Locale.ROOT))
        .register(meters)
        .increment();
    long now = System.nanoTime();
    long next = nextErrorLog.get();
    if (now - next >= 0 && nextErrorLog.compareAndSet(next, now + ERROR_LOG_INTERVAL.toNanos())) {
      log.warn(
          "rate limiter unavailable (Redis down or slow): auth requests refused, api requests let"
              + " through");
    }
  }

  private static long tokensLeft(String header) {
    try {
      return header == null ? -1 : Long.parseLong(header);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
