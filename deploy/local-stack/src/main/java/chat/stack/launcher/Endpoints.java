package chat.stack.launcher;

/**
 * Where the services find the infrastructure: the stack's own processes, or external ones when
 * REDIS_HOST, MONGODB_URI, KAFKA_BROKER or ELASTICSEARCH_NODE are set.
 */
record Endpoints(
    String redisHost, String redisPort, String mongoUri, String kafka, String elasticsearch) {

  static Endpoints of(StackSettings settings) {
    boolean externalRedis = settings.isSet("REDIS_HOST");
    return new Endpoints(
        settings.get("REDIS_HOST", "127.0.0.1"),
        externalRedis
            ? settings.get("REDIS_PORT", "6379")
            : Integer.toString(settings.ports().redis()),
        settings.get("MONGODB_URI", "mongodb://127.0.0.1:" + settings.ports().mongodb() + "/chat"),
        settings.get("KAFKA_BROKER", "127.0.0.1:" + settings.ports().kafka()),
        settings.get("ELASTICSEARCH_NODE", "http://127.0.0.1:" + settings.ports().elasticsearch()));
  }
}
