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

/** Which components the stack runs, in start order, with the environment of each service. */
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
            Ports.GATEWAY,
            Set.of("redis")));
    components.add(
        service(
            settings,
            files,
            common,
            "messaging-service",
            "messaging-service",
            Ports.MESSAGING,
            Set.of("redis", "mongodb", "kafka")));
    if (settings.messagingReplicas() == 2) {
      components.add(
          service(
              settings,
              files,
              common,
              "messaging-service-2",
              "messaging-service",
              Ports.MESSAGING_2,
              Set.of("redis", "mongodb", "kafka")));
    }
    components.add(
        service(
            settings,
            files,
            common,
            "presence-service",
            "presence-service",
            Ports.PRESENCE,
            Set.of("redis", "kafka")));
    components.add(
        service(
            settings,
            files,
            common,
            "logging-service",
            "logging-service",
            Ports.LOGGING,
            Set.of("kafka", "elasticsearch")));
    return components;
  }

  private static List<Component> infrastructure(
      StackSettings settings, StackFiles files, Endpoints endpoints) {
    List<Component> infrastructure = new ArrayList<>();
    if (!settings.isSet("REDIS_HOST")) {
      RedisServer redis = RedisServer.durable(files.redis(), Ports.REDIS);
      infrastructure.add(
          new Component("redis", Ports.REDIS, Set.of(), redis, redis.logFile(), () -> {}));
    }
    if (!settings.isSet("MONGODB_URI")) {
      MongoWireProcess mongo = new MongoWireProcess(files.mongodb(), Ports.MONGODB);
      infrastructure.add(
          new Component("mongodb", Ports.MONGODB, Set.of(), mongo, mongo.logFile(), () -> {}));
    }
    if (!settings.isSet("KAFKA_BROKER")) {
      KafkaBroker kafka = KafkaBroker.durable(files.kafka(), Ports.KAFKA, Ports.KAFKA_CONTROLLER);
      infrastructure.add(
          new Component(
              "kafka",
              Ports.KAFKA,
              Set.of(),
              kafka,
              kafka.logFile(),
              () -> KafkaAdmin.createChatTopics(endpoints.kafka())));
    }
    if (!settings.isSet("ELASTICSEARCH_NODE")) {
      ElasticsearchNode elasticsearch =
          ElasticsearchNode.durable(
              EsPlacement.folder(files), Ports.ELASTICSEARCH, Ports.ELASTICSEARCH_TRANSPORT);
      infrastructure.add(
          new Component(
              "elasticsearch",
              Ports.ELASTICSEARCH,
              Set.of(),
              elasticsearch,
              elasticsearch.logFile(),
              () -> {}));
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
      Set<String> dependsOn) {
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
    return new Component(name, port, dependsOn, process, files.log(name), () -> {});
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
    env.put("CLIENT_URL", settings.get("CLIENT_URL", "http://localhost:" + Ports.GATEWAY));
    env.put("JWT_SECRET", jwtSecret);
    String messaging = "http://127.0.0.1:" + Ports.MESSAGING;
    if (settings.messagingReplicas() == 2) {
      messaging += ",http://127.0.0.1:" + Ports.MESSAGING_2;
    }
    env.put("MESSAGING_URL", messaging);
    env.put("PRESENCE_URL", "http://127.0.0.1:" + Ports.PRESENCE);
    env.put("LOGGING_URL", "http://127.0.0.1:" + Ports.LOGGING);
    env.put(
        "FRONTEND_DIST",
        settings.get("FRONTEND_DIST", settings.root().resolve("frontend/dist").toString()));
    return env;
  }
}
