package chat.stack;

import static org.assertj.core.api.Assertions.assertThat;

import chat.stack.elasticsearch.ElasticsearchNode;
import chat.stack.kafka.KafkaBroker;
import chat.stack.redis.RedisServer;
import org.junit.jupiter.api.Test;

class PrivateInstancesTest {

  @Test
  void privateRedisRestartsOnTheSamePortWithItsData() throws Exception {
    try (RedisServer redis = TestInfrastructure.privateRedis()) {
      int port = redis.port();
      Probes.redis(redis.host(), port, "SET survivor yes");

      redis.stop();
      assertThat(RedisPing.answers(redis)).isFalse();
      redis.start();

      assertThat(redis.port()).isEqualTo(port);
      assertThat(Probes.redis(redis.host(), port, "GET survivor")).endsWith("yes");
    }
  }

  @Test
  void privateKafkaRestartsOnTheSamePortWithItsRecords() throws Exception {
    try (KafkaBroker kafka = TestInfrastructure.privateKafka()) {
      String bootstrap = kafka.bootstrapServers();
      Probes.produce(bootstrap, "chat-activity", "alice", "before-restart");

      kafka.stop();
      kafka.start();

      assertThat(kafka.bootstrapServers()).isEqualTo(bootstrap);
      Probes.produce(bootstrap, "chat-activity", "alice", "after-restart");
      assertThat(Probes.consume(bootstrap, "chat-activity", 2))
          .containsExactly("before-restart", "after-restart");
    }
  }

  @Test
  void privateElasticsearchRestartsOnTheSamePortWithItsDocuments() throws Exception {
    try (ElasticsearchNode elasticsearch = TestInfrastructure.privateElasticsearch()) {
      String url = elasticsearch.url();
      Probes.http("PUT", url + "/chaos/_doc/1?refresh=true", "{\"text\":\"kept\"}");

      elasticsearch.stop();
      assertThat(elasticsearch.clusterHealthy()).isFalse();
      elasticsearch.start();

      assertThat(elasticsearch.url()).isEqualTo(url);
      assertThat(Probes.http("GET", url + "/chaos/_doc/1", null).body()).contains("kept");
    }
  }

  /** Whether the stopped Redis still answers (it must not). */
  private static final class RedisPing {
    static boolean answers(RedisServer redis) {
      return chat.stack.redis.RespPing.pong(redis.host(), redis.port());
    }
  }
}
