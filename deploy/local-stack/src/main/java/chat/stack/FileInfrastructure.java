package chat.stack;

import chat.stack.TestInfrastructure.RedisEndpoint;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Endpoints of infrastructure that the test command started once for the whole run ({@code
 * deploy/chat test}), read from the properties file named by {@code CHAT_TEST_INFRA_FILE}.
 */
record FileInfrastructure(
    RedisEndpoint redis,
    String kafkaBootstrapServers,
    String mongoServerUri,
    String elasticsearchUrl)
    implements Infrastructure {

  static final String REDIS_HOST = "redis.host";
  static final String REDIS_PORT = "redis.port";
  static final String KAFKA = "kafka.bootstrap-servers";
  static final String MONGO = "mongodb.uri";
  static final String ELASTICSEARCH = "elasticsearch.url";

  static FileInfrastructure read(Path file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "CHAT_TEST_INFRA_FILE names " + file + ", which cannot be read", e);
    }
    return new FileInfrastructure(
        new RedisEndpoint(
            required(properties, REDIS_HOST), Integer.parseInt(required(properties, REDIS_PORT))),
        required(properties, KAFKA),
        required(properties, MONGO),
        required(properties, ELASTICSEARCH));
  }

  /** The file's content for {@code infrastructure}, starting every component. */
  static Properties describe(Infrastructure infrastructure) {
    Properties properties = new Properties();
    properties.setProperty(REDIS_HOST, infrastructure.redis().host());
    properties.setProperty(REDIS_PORT, Integer.toString(infrastructure.redis().port()));
    properties.setProperty(KAFKA, infrastructure.kafkaBootstrapServers());
    properties.setProperty(MONGO, infrastructure.mongoServerUri());
    properties.setProperty(ELASTICSEARCH, infrastructure.elasticsearchUrl());
    return properties;
  }

  private static String required(Properties properties, String key) {
    String value = properties.getProperty(key);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("CHAT_TEST_INFRA_FILE lacks " + key);
    }
    return value;
  }
}
