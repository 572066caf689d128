package chat.stack.launcher;

import chat.stack.elasticsearch.ElasticsearchNode;
import chat.stack.kafka.KafkaAdmin;
import chat.stack.kafka.KafkaBroker;
import chat.stack.mongo.MongoWireProcess;
import chat.stack.redis.RedisServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which components the stack runs, in start order, with the environment of each service.
 *
 * <p>Kafka, Elasticsearch, presence and logging run at a lower CPU priority than the path a message
 * takes (gateway, messaging, MongoDB, Redis): nice 10 ({@code CHAT_BACKGROUND_NICE}), and on
 * request ({@code CHAT_BACKGROUND_IDLE=true}) under Linux's {@code SCHED_IDLE} policy. On a machine
 * the whole stack shares, indexing and presence bookkeeping then wait a few milliseconds when the
 * CPU is busy instead of every message waiting for them. They still get the CPU whenever the
 * message path does not use it.
 */
final class StackPlan {

  private StackPlan() {}

  static List<Component> components(StackSettings settings, StackFiles files, String jwtSecret) {
    Endpoints endpoints = Endpoints.of(settings);
    List<Component> components = new ArrayList<>(infrastructure(settings, files, endpoints));
    Map<String, String> common = commonEnvironment(settings, endpoints, jwtSecret);
    components.add(
        service(
            settings,
            files,
            common,
            "gateway-service",
            "gateway-service",
            settings.ports().gateway(),
            Set.of("redis"),
            false));
    components.add(
        service(
            settings,
            files,
            common,
            "messaging-service",
            "messaging-service",
            settings.ports().messaging(),
            Set.of("redis", "mongodb", "kafka"),
            false));
    if (settings.messagingReplicas() == 2) {
      components.add(
          service(
              settings,
              files,
              common,
              "messaging-service-2",
              "messaging-service",
              settings.ports().messaging2(),
              Set.of("redis", "mongodb", "kafka"),
              false));
    }
    components.add(
        service(
            settings,
            files,
            common,
            "presence-service",
            "presence-service",
            settings.ports().presence(),
            Set.of("redis", "kafka"),
            true));
    components.add(
        service(
            settings,
            files,
            common,
            "logging-service",
            "logging-service",
            settings.ports().logging(),
            Set.of("kafka", "elasticsearch"),
            true));
    return components;
  }

  private static List<Component> infrastructure(
      StackSettings settings, StackFiles files, Endpoints endpoints) {
    List<Component> infrastructure = new ArrayList<>();
    if (!settings.isSet("REDIS_HOST")) {
      RedisServer redis = RedisServer.durable(files.redis(), settings.ports().redis());
      infrastructure.add(
          new Component(
              "redis",
              settings.ports().redis(),
              Set.of(),
              redis,
              redis.logFile(),
              () -> {},
              0,
              false));
    }
    if (!settings.isSet("MONGODB_URI")) {
      MongoWireProcess mongo =
          new MongoWireProcess(
              files.mongodb(), settings.ports().mongodb(), settings.mongoStorage());
      infrastructure.add(
          new Component(
              "mongodb",
              settings.ports().mongodb(),
              Set.of(),
              mongo,
              mongo.logFile(),
              () -> {},
              0,
              false));
    }
    if (!settings.isSet("KAFKA_BROKER")) {
      KafkaBroker kafka =
          KafkaBroker.durable(
              files.kafka(), settings.ports().kafka(), settings.ports().kafkaController());
      infrastructure.add(
          new Component(
              "kafka",
              settings.ports().kafka(),
              Set.of(),
              kafka,
              kafka.logFile(),
              () -> KafkaAdmin.createChatTopics(endpoints.kafka()),
              settings.backgroundNiceness(),
              settings.backgroundIdle()));
    }
    if (!settings.isSet("ELASTICSEARCH_NODE")) {
      ElasticsearchNode elasticsearch =
          ElasticsearchNode.durable(
              EsPlacement.folder(files),
              settings.ports().elasticsearch(),
              settings.ports().elasticsearchTransport());
      infrastructure.add(
          new Component(
              "elasticsearch",
              settings.ports().elasticsearch(),
              Set.of(),
              elasticsearch,
              elasticsearch.logFile(),
              () -> {},
              settings.backgroundNiceness(),
              settings.backgroundIdle()));
    }
    return infrastructure;
  }

  private static Component service(
      StackSettings settings,
      StackFiles files,
      Map<String, String> common,
      String name,
      String module,
      int port,
      Set<String> dependsOn,
      boolean background) {
    Map<String, String> env = new HashMap<>(common);
    env.put("PORT", Integer.toString(port));
    env.put("INSTANCE_ID", name.replace("-service", "") + (name.endsWith("-2") ? "" : "-1"));
    ServiceProcess process =
        new ServiceProcess(
            name,
            settings.root().resolve(module),
            port,
            env,
            settings,
            files.log(name),
            files.jars());
    return new Component(
        name,
        port,
        dependsOn,
        process,
        files.log(name),
        () -> {},
        background ? settings.backgroundNiceness() : 0,
        background && settings.backgroundIdle());
  }

  /** The variables of ARCHITECTURE.md "Configuration", and our additions, for every service. */
  static Map<String, String> commonEnvironment(
      StackSettings settings, Endpoints endpoints, String jwtSecret) {
    Map<String, String> env = new HashMap<>();
    env.put("REDIS_HOST", endpoints.redisHost());
    env.put("REDIS_PORT", endpoints.redisPort());
    env.put("MONGODB_URI", endpoints.mongoUri());
    env.put("KAFKA_BROKER", endpoints.kafka());
    env.put("KAFKA_TOPIC", settings.get("KAFKA_TOPIC", "chat-activity"));
    env.put("ELASTICSEARCH_NODE", endpoints.elasticsearch());
    env.put(
        "CLIENT_URL", settings.get("CLIENT_URL", "http://localhost:" + settings.ports().gateway()));
    env.put("JWT_SECRET", jwtSecret);
    String messaging = "http://127.0.0.1:" + settings.ports().messaging();
    if (settings.messagingReplicas() == 2) {
      messaging += ",http://127.0.0.1:" + settings.ports().messaging2();
    }
    env.put("MESSAGING_URL", messaging);
    env.put("PRESENCE_URL", "http://127.0.0.1:" + settings.ports().presence());
    env.put("LOGGING_URL", "http://127.0.0.1:" + settings.ports().logging());
    env.put(
        "FRONTEND_DIST",
        settings.get("FRONTEND_DIST", settings.root().resolve("frontend/dist").toString()));
    return env;
  }
}
