package chat.stack;

import chat.stack.TestInfrastructure.RedisEndpoint;
import chat.stack.elasticsearch.ElasticsearchNode;
import chat.stack.kafka.KafkaAdmin;
import chat.stack.kafka.KafkaBroker;
import chat.stack.mongo.MongoWireServer;
import chat.stack.process.FreePorts;
import chat.stack.redis.RedisServer;

/** Local processes on random free ports (and the MongoDB-wire server inside this JVM). */
final class LocalInfrastructure implements Infrastructure {

  private final Lazy<RedisServer> redis =
      new Lazy<>(() -> started(RedisServer.ephemeral(FreePorts.pick())));
  private final Lazy<KafkaBroker> kafka = new Lazy<>(LocalInfrastructure::startKafka);
  private final Lazy<MongoWireServer> mongo =
      new Lazy<>(() -> Cleanup.register(MongoWireServer.inMemory(FreePorts.pick())));
  private final Lazy<ElasticsearchNode> elasticsearch =
      new Lazy<>(() -> started(ElasticsearchNode.temporary(FreePorts.pick(), FreePorts.pick())));

  @Override
  public RedisEndpoint redis() {
    return new RedisEndpoint(RedisServer.HOST, redis.get().port());
  }

  @Override
  public String kafkaBootstrapServers() {
    return kafka.get().bootstrapServers();
  }

  @Override
  public String mongoServerUri() {
    return "mongodb://" + MongoWireServer.HOST + ":" + mongo.get().port();
  }

  @Override
  public String elasticsearchUrl() {
    return elasticsearch.get().url();
  }

  static KafkaBroker startKafka() {
    KafkaBroker broker = started(KafkaBroker.temporary(FreePorts.pick(), FreePorts.pick()));
    KafkaAdmin.createChatTopics(broker.bootstrapServers());
    return broker;
  }

  /** Registers for cleanup first, so that a half-started process is still stopped. */
  static <T extends Restartable> T started(T component) {
    Cleanup.register(component);
    component.start();
    return component;
  }
}
