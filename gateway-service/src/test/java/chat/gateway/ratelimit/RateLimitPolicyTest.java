package chat.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;

class RateLimitPolicyTest {

  private final RateLimitProperties defaults = new RateLimitProperties(10, 0, 50, 0);

  @Test
  void authPolicyIsTenPerMinuteWithBurstsOfTwenty() {
    RedisRateLimiter.Config config = RateLimitPolicy.AUTH.config(defaults);

    // 10 tokens/s refill, 60 tokens a request: 10 requests a minute; 1200 tokens: 20 at once.
    assertThat(config.getReplenishRate()).isEqualTo(10);
    assertThat(config.getRequestedTokens()).isEqualTo(60);
    assertThat(config.getBurstCapacity()).isEqualTo(1200);
  }

  @Test
  void apiPolicyIsFiftyPerSecondWithBurstsOfAHundred() {
    RedisRateLimiter.Config config = RateLimitPolicy.API.config(defaults);

    assertThat(config.getReplenishRate()).isEqualTo(50);
    assertThat(config.getRequestedTokens()).isEqualTo(1);
    assertThat(config.getBurstCapacity()).isEqualTo(100);
  }

  @Test
  void retryAfterIsTheTimeToRefillOneRequest() {
    RedisRateLimiter.Config auth = RateLimitPolicy.AUTH.config(defaults);

    assertThat(RateLimitPolicy.retryAfterSeconds(auth, 0)).isEqualTo(6);
    assertThat(RateLimitPolicy.retryAfterSeconds(auth, 50)).isEqualTo(1);
    assertThat(RateLimitPolicy.retryAfterSeconds(RateLimitPolicy.API.config(defaults), 0))
        .isEqualTo(1);
  }

  @Test
  void explicitBurstsAreKept() {
    RateLimitProperties raised = new RateLimitProperties(1000, 5000, 500, 700);

    assertThat(raised.authBurst()).isEqualTo(5000);
    assertThat(raised.apiBurst()).isEqualTo(700);
  }
}
