package chat.stack;

import chat.stack.elasticsearch.ElasticsearchNode;
import chat.stack.kafka.KafkaAdmin;
import chat.stack.kafka.KafkaBroker;
import chat.stack.process.FreePorts;
import chat.stack.redis.RedisServer;
import java.util.UUID;

/**
 * The one shared way for integration tests to reach real infrastructure: Redis, a Kafka broker, a
 * MongoDB-wire server and an Elasticsearch node. Wire them in with {@code @DynamicPropertySource}:
 *
 * <pre>{@code
 * @DynamicPropertySource
 * static void infrastructure(DynamicPropertyRegistry registry) {
 *   registry.add("spring.data.redis.host", () -> TestInfrastructure.redis().host());
 *   registry.add("spring.data.redis.port", () -> TestInfrastructure.redis().port());
 *   registry.add("spring.mongodb.uri", TestInfrastructure::mongoUri);
 * }
 * }</pre>
 *
 * <h2>Shared instances</h2>
 *
 * Each component starts lazily, on first use, once per test JVM, and is stopped by a shutdown hook.
 * Where it comes from, in this order:
 *
 * <ol>
 *   <li>the properties file named by the environment variable {@value #INFRA_FILE_VARIABLE}: {@code
 *       deploy/chat test} starts everything once for the whole run and writes it; nothing is
 *       started then;
 *   <li>Testcontainers (redis 7.0, apache/kafka 4.1.2, elasticsearch 9.2.8, mongo 8.0) when a
 *       Docker engine is reachable;
 *   <li>local processes on random free ports (never the local stack's): Debian's {@code
 *       redis-server} without persistence, a KRaft broker run from {@code
 *       deploy/kafka-runtime/target/libs}, Elasticsearch 9.2.8 unpacked under {@code /tmp} (as user
 *       {@code nobody} when run as root), the MongoDB-wire server in this JVM (memory).
 * </ol>
 *
 * {@code CHAT_TEST_INFRA=local} or {@code =docker} forces the second or third choice.
 *
 * <p>The instances are SHARED with every other test class (and, with the file, every module of the
 * run): use unique names (consumer group ids, Redis keys under your prefix, index names) or clean
 * what you created. {@link #mongoUri()} names a database of this JVM's own. The topics {@code
 * chat-activity}, {@code chat-connections} and their {@code -dlt} topics exist (3 partitions);
 * others are auto-created with 3 partitions on first use, or create them with an Admin client.
 * Never stop a shared instance.
 *
 * <h2>Private instances for chaos tests</h2>
 *
 * {@link #privateRedis()}, {@link #privateKafka()} and {@link #privateElasticsearch()} start a new
 * local process for the caller alone (even when Docker is reachable: a restart must keep its port).
 * The handle's {@code stop()} shuts it down cleanly, {@code start()} brings it back on the SAME
 * port with the SAME data, {@code close()} removes it for good (use try-with-resources or
 * {@code @AfterAll}; a shutdown hook closes forgotten ones). They cost a start each (Redis ~10 ms,
 * Kafka ~3-5 s, Elasticsearch ~15-30 s and 800 MB RSS): share one per test class.
 */
public final class TestInfrastructure {

  /** The environment variable naming the endpoints file written by the test command. */
  public static final String INFRA_FILE_VARIABLE = "CHAT_TEST_INFRA_FILE";

  private static final String DATABASE =
      "chat_test_" + UUID.randomUUID().toString().substring(0, 8);

  private TestInfrastructure() {}

  /** Host and port of a running Redis. */
  public record RedisEndpoint(String host, int port) {}

  /** The shared Redis (no persistence). */
  public static RedisEndpoint redis() {
    return Shared.INSTANCE.redis();
  }

  /** {@code host:port} of the shared Kafka broker. */
  public static String kafkaBootstrapServers() {
    return Shared.INSTANCE.kafkaBootstrapServers();
  }

  /**
   * A {@code mongodb://} URI of the shared MongoDB-wire server, with a database name unique to this
   * JVM ({@code chat_test_<random>}): test JVMs of other modules do not see its data.
   */
  public static String mongoUri() {
    return Shared.INSTANCE.mongoServerUri() + "/" + DATABASE;
  }

  /** The {@code http://} URL of the shared Elasticsearch node. */
  public static String elasticsearchUrl() {
    return Shared.INSTANCE.elasticsearchUrl();
  }

  /** A Redis of the caller's own, with an append-only file: a restart keeps its data. */
  public static RedisServer privateRedis() {
    return LocalInfrastructure.started(RedisServer.durableTemporary(FreePorts.pick()));
  }

  /** A Kafka broker of the caller's own, with the chat topics created. */
  public static KafkaBroker privateKafka() {
    KafkaBroker broker =
        LocalInfrastructure.started(KafkaBroker.temporary(FreePorts.pick(), FreePorts.pick()));
    KafkaAdmin.createChatTopics(broker.bootstrapServers());
    return broker;
  }

  /** An Elasticsearch node of the caller's own. */
  public static ElasticsearchNode privateElasticsearch() {
    return LocalInfrastructure.started(
        ElasticsearchNode.temporary(FreePorts.pick(), FreePorts.pick()));
  }

  /** Chosen on first use, so that a JVM that never asks starts nothing. */
  private static final class Shared {
    static final Infrastructure INSTANCE = Infrastructure.select();
  }
}
