package chat.stack.launcher;

/** The local stack's fixed ports (a shared decision: tests never use them). */
final class Ports {

  static final int GATEWAY = 8080;
  static final int MESSAGING = 8081;
  static final int MESSAGING_2 = 8091;
  static final int PRESENCE = 8082;
  static final int LOGGING = 8083;
  static final int REDIS = 6380;
  static final int MONGODB = 27018;
  static final int KAFKA = 9092;
  static final int KAFKA_CONTROLLER = 9093;
  static final int ELASTICSEARCH = 9200;
  static final int ELASTICSEARCH_TRANSPORT = 9300;

  private Ports() {}
}
