package chat.messaging.connection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void allowsABurstOfTwiceTheRateThenTheRate() {
    TokenBucket bucket = new TokenBucket(20, 40, 0);
    int allowed = 0;
    for (int i = 0; i < 100; i++) {
      if (bucket.tryTake(0)) {
        allowed++;
      }
    }
    assertThat(allowed).isEqualTo(40);
    assertThat(bucket.tryTake(SECOND / 40)).isFalse(); // half a token
    assertThat(bucket.tryTake(SECOND / 20)).isTrue(); // one token after 50 ms
    int afterOneSecond = 0;
    for (int i = 0; i < 100; i++) {
      if (bucket.tryTake(SECOND / 20 + SECOND)) {
        afterOneSecond++;
      }
    }
    assertThat(afterOneSecond).isEqualTo(20);
  }

  @Test
  void savesUpAtMostTheCapacity() {
    TokenBucket bucket = new TokenBucket(20, 40, 0);
    int allowed = 0;
    for (int i = 0; i < 100; i++) {
      if (bucket.tryTake(3600 * SECOND)) {
        allowed++;
      }
    }
    assertThat(allowed).isEqualTo(40);
  }
}
