package chat.stack;

/**
 * The one shared way for integration tests to reach real infrastructure. Each component starts
 * lazily, once per test JVM, and is reused by every test class. STUB: being implemented.
 */
public final class TestInfrastructure {

  private TestInfrastructure() {}

  /** Host and port of a running Redis. */
  public record RedisEndpoint(String host, int port) {}

  public static RedisEndpoint redis() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** {@code host:port} of a running Kafka broker. */
  public static String kafkaBootstrapServers() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** A {@code mongodb://} URI of a running MongoDB-wire server, with a database name. */
  public static String mongoUri() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** The {@code http://} URL of a running Elasticsearch node. */
  public static String elasticsearchUrl() {
    throw new UnsupportedOperationException("not yet implemented");
  }
}
