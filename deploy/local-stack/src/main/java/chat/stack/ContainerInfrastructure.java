package chat.stack;

import chat.stack.TestInfrastructure.RedisEndpoint;
import chat.stack.kafka.KafkaAdmin;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.elasticsearch.ElasticsearchContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;
import org.testcontainers.utility.DockerImageName;

/** The same components as containers, used when a Docker engine is reachable (CI elsewhere). */
final class ContainerInfrastructure implements Infrastructure {

  private static final int REDIS_PORT = 6379;

  private final Lazy<GenericContainer<?>> redis =
      new Lazy<>(
          () ->
              started(
                  new GenericContainer<>(DockerImageName.parse("redis:7.0"))
                      .withExposedPorts(REDIS_PORT)));
  private final Lazy<KafkaContainer> kafka =
      new Lazy<>(
          () -> {
            KafkaContainer container =
                started(
                    new KafkaContainer(DockerImageName.parse("apache/kafka:4.1.2"))
                        .withEnv("KAFKA_NUM_PARTITIONS", "3")
                        .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0"));
            KafkaAdmin.createChatTopics(container.getBootstrapServers());
            return container;
          });
  private final Lazy<MongoDBContainer> mongo =
      new Lazy<>(() -> started(new MongoDBContainer(DockerImageName.parse("mongo:8.0"))));
  private final Lazy<ElasticsearchContainer> elasticsearch =
      new Lazy<>(
          () ->
              started(
                  new ElasticsearchContainer(
                          DockerImageName.parse(
                              "docker.elastic.co/elasticsearch/elasticsearch:9.2.8"))
                      .withEnv("xpack.security.enabled", "false")
                      .withEnv("ES_JAVA_OPTS", "-Xms512m -Xmx512m")));

  static boolean dockerAvailable() {
    return DockerClientFactory.instance().isDockerAvailable();
  }

  @Override
  public RedisEndpoint redis() {
    GenericContainer<?> container = redis.get();
    return new RedisEndpoint(container.getHost(), container.getMappedPort(REDIS_PORT));
  }

  @Override
  public String kafkaBootstrapServers() {
    return kafka.get().getBootstrapServers();
  }

  @Override
  public String mongoServerUri() {
    MongoDBContainer container = mongo.get();
    return "mongodb://" + container.getHost() + ":" + container.getMappedPort(27017);
  }

  @Override
  public String elasticsearchUrl() {
    return "http://" + elasticsearch.get().getHttpHostAddress();
  }

  private static <T extends GenericContainer<?>> T started(T container) {
    container.start();
    Cleanup.register(container);
    return container;
  }
}
