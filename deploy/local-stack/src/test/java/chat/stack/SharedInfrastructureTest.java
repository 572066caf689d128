package chat.stack;

import static org.assertj.core.api.Assertions.assertThat;

import chat.stack.kafka.KafkaAdmin;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class SharedInfrastructureTest {

  @Test
  void redisAnswersAndStoresValues() throws Exception {
    TestInfrastructure.RedisEndpoint redis = TestInfrastructure.redis();
    String key = "local-stack-test:" + UUID.randomUUID();

    assertThat(Probes.redis(redis.host(), redis.port(), "SET " + key + " hello")).isEqualTo("+OK");
    assertThat(Probes.redis(redis.host(), redis.port(), "GET " + key)).endsWith("hello");
    assertThat(redis.port()).isNotEqualTo(6380).isNotEqualTo(6379);
  }

  @Test
  void redisIsStartedOncePerJvm() {
    assertThat(TestInfrastructure.redis()).isEqualTo(TestInfrastructure.redis());
  }

  @Test
  void kafkaHasTheChatTopicsAndDeliversRecords() throws Exception {
    String bootstrap = TestInfrastructure.kafkaBootstrapServers();
    String topic = "local-stack-test-" + UUID.randomUUID();

    Probes.produce(bootstrap, topic, "alice", "hello");

    assertThat(Probes.consume(bootstrap, topic, 1)).containsExactly("hello");
    assertThat(KafkaAdmin.topics(bootstrap)).containsAll(KafkaAdmin.CHAT_TOPICS);
    assertThat(bootstrap).doesNotEndWith(":9092");
  }

  @Test
  void mongoUriNamesADatabaseThatStoresDocuments() {
    String uri = TestInfrastructure.mongoUri();
    assertThat(uri).matches("mongodb://[^/]+/chat_test_\\w+");

    try (MongoClient client = MongoClients.create(uri)) {
      String database = uri.substring(uri.lastIndexOf('/') + 1);
      MongoCollection<Document> messages = client.getDatabase(database).getCollection("messages");
      messages.insertOne(new Document("room", "general").append("seq", 1));

      assertThat(messages.find(new Document("room", "general")).first()).containsEntry("seq", 1);
    }
  }

  @Test
  void elasticsearchIndexesAndFindsDocuments() throws Exception {
    String url = TestInfrastructure.elasticsearchUrl();
    String index = "local-stack-test-" + UUID.randomUUID();

    assertThat(
            Probes.http("PUT", url + "/" + index + "/_doc/1?refresh=true", "{\"text\":\"hi\"}")
                .statusCode())
        .isEqualTo(201);
    assertThat(Probes.http("GET", url + "/" + index + "/_doc/1", null).body())
        .contains("\"found\":true");
    assertThat(Probes.http("GET", url + "/_cluster/health", null).body())
        .containsAnyOf("\"status\":\"green\"", "\"status\":\"yellow\"");
    Probes.http("DELETE", url + "/" + index, null);
  }
}
