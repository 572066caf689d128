package chat.stack;

import chat.stack.TestInfrastructure.RedisEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the shared test infrastructure comes from; each getter starts its component lazily. */
interface Infrastructure {

  RedisEndpoint redis();

  String kafkaBootstrapServers();

  /** {@code mongodb://host:port}, without a database. */
  String mongoServerUri();

  String elasticsearchUrl();

  /**
   * A file written by the test command (it started everything once for the whole run), else
   * containers when a Docker engine is reachable, else local processes. {@code
   * CHAT_TEST_INFRA=local|docker} forces the choice.
   */
  static Infrastructure select() {
    String file = System.getenv(TestInfrastructure.INFRA_FILE_VARIABLE);
    if (file != null && !file.isBlank()) {
      return FileInfrastructure.read(Path.of(file));
    }
    return selectStarting();
  }

  /** Like {@link #select()}, ignoring the file: for the process that writes it. */
  static Infrastructure selectStarting() {
    String forced = System.getenv("CHAT_TEST_INFRA");
    if ("local".equals(forced)) {
      return new LocalInfrastructure();
    }
    if ("docker".equals(forced) || dockerLikely() && ContainerInfrastructure.dockerAvailable()) {
      return new ContainerInfrastructure();
    }
    return new LocalInfrastructure();
  }

  /** Cheap pre-check so that machines without Docker skip Testcontainers' noisy probing. */
  private static boolean dockerLikely() {
    return System.getenv("DOCKER_HOST") != null
        || Files.exists(Path.of("/var/run/docker.sock"))
        || Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"));
  }
}
