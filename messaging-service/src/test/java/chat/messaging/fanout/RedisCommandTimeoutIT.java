package chat.messaging.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import chat.messaging.testing.InfrastructureTest;
import io.lettuce.core.ClientOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * {@link RoomEventPublisher} keeps one Redis message in flight and has no timer of its own: a
 * PUBLISH that Redis never answers must be failed by the client, or room events would stop reaching
 * the other replicas for good.
 */
class RedisCommandTimeoutIT extends InfrastructureTest {

  @Autowired LettuceConnectionFactory redis;

  @Test
  void everyRedisCommandTimesOutAfterTwoSeconds() {
    var client = redis.getClientConfiguration();
    assertThat(client.getCommandTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(client.getClientOptions())
        .map(ClientOptions::getTimeoutOptions)
        .hasValueSatisfying(options -> assertThat(options.isTimeoutCommands()).isTrue());
  }
}
