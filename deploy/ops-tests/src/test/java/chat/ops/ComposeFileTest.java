package chat.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.yaml.snakeyaml.Yaml;

/** docker-compose.yml parses, and its services, ports and variables match the code. */
class ComposeFileTest {

  static final List<String> SERVICES = Repo.SERVICES;
  private static final String SECRET = "a-test-secret-that-is-long-enough-0123456789";

  private static Map<String, Object> services;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void load() {
    Map<String, Object> compose = new Yaml().load(Repo.read(Repo.path("docker-compose.yml")));
    services = (Map<String, Object>) compose.get("services");
  }

  @Test
  void dockerComposeAcceptsTheFile() {
    assumeTrue(Commands.available("docker-compose"), "docker-compose (Debian) not installed");
    var result =
        Commands.run(
            Repo.ROOT,
            Map.of("JWT_SECRET", SECRET),
            List.of("docker-compose", "-f", "docker-compose.yml", "config", "--quiet"));
    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  @Test
  void refusesToStartWithoutAJwtSecret() {
    assumeTrue(Commands.available("docker-compose"), "docker-compose (Debian) not installed");
    var result =
        Commands.run(
            Repo.ROOT,
            Map.of("JWT_SECRET", ""),
            List.of("docker-compose", "-f", "docker-compose.yml", "config", "--quiet"));
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.output()).contains("JWT_SECRET");
  }

  @Test
  void runsTheRealInfrastructure() {
    assertThat(image("redis")).startsWith("redis:7");
    assertThat(image("mongodb")).startsWith("mongo:7");
    assertThat(image("kafka")).startsWith("apache/kafka:4.1.");
    assertThat(image("elasticsearch")).endsWith("elasticsearch:9.2.8");
    assertThat(service("redis").get("command").toString()).contains("--appendonly, yes");
    assertThat(env("kafka")).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller");
    assertThat(env("kafka").keySet()).noneMatch(k -> k.contains("ZOOKEEPER"));
    assertThat(env("elasticsearch")).containsEntry("xpack.security.enabled", "false");
  }

  @Test
  void createsExactlyTheTopicsOfTheCode() {
    String init = service("kafka-init").get("command").toString();
    Set<String> created = new TreeSet<>();
    for (String word : init.split("[\\s;]+")) {
      if (word.startsWith("chat-")) {
        created.add(word);
      }
    }
    assertThat(created).isEqualTo(Repo.kafkaTopics());
    assertThat(env("kafka")).containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
  }

  @ParameterizedTest
  @FieldSource("SERVICES")
  @SuppressWarnings("unchecked")
  void buildsEachServiceFromItsDockerfileOnItsPort(String name) {
    Repo.ServiceCode code = Repo.service(name);
    Map<String, Object> build = (Map<String, Object>) service(name).get("build");
    assertThat(build)
        .containsEntry("context", ".")
        .containsEntry("dockerfile", name + "/Dockerfile");
    assertThat(env(name)).containsEntry("PORT", String.valueOf(code.port()));
    assertThat((List<Object>) service(name).get("expose")).contains(String.valueOf(code.port()));
    assertThat(service(name).get("depends_on")).isInstanceOf(Map.class);
  }

  @ParameterizedTest
  @FieldSource("SERVICES")
  void setsOnlyVariablesTheServiceReads(String name) {
    Repo.ServiceCode code = Repo.service(name);
    assertThat(env(name).keySet())
        .as("%s: variables in docker-compose.yml that %s's code never reads", name, name)
        .isSubsetOf(code.knownVariables());
  }

  @ParameterizedTest
  @FieldSource("SERVICES")
  void pointsEveryLoopbackDefaultAtAContainer(String name) {
    Repo.ServiceCode code = Repo.service(name);
    assertThat(env(name).keySet())
        .as("%s: variables defaulting to loopback, unreachable inside a container", name)
        .containsAll(code.loopbackVariables());
  }

  @Test
  void messagingScalesWithoutFixedNamesOrHostPorts() {
    assertThat(service("messaging-service")).doesNotContainKeys("container_name", "ports");
    assertThat(env("gateway-service"))
        .containsEntry("MESSAGING_URL", "${MESSAGING_URL:-http://messaging-service:8081}");
  }

  @Test
  void publishesOnlyTheGatewayAndTheMonitoring() {
    services.forEach(
        (name, definition) -> {
          if (((Map<?, ?>) definition).containsKey("ports")) {
            assertThat(name).isIn("gateway-service", "prometheus", "grafana");
          }
        });
  }

  @Test
  void mountsTheProvisionedMonitoring() {
    assertThat(service("prometheus").get("volumes").toString())
        .contains("./deploy/prometheus/prometheus-compose.yml", "./deploy/prometheus/rules");
    assertThat(service("grafana").get("volumes").toString())
        .contains("./deploy/grafana/provisioning", "./deploy/grafana/dashboards");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> service(String name) {
    assertThat(services).as("services of docker-compose.yml").containsKey(name);
    return (Map<String, Object>) services.get(name);
  }

  private static String image(String name) {
    return String.valueOf(service(name).get("image"));
  }

  /** The service's environment with YAML merge keys resolved, values as strings. */
  private static Map<String, String> env(String name) {
    Map<String, String> env = new java.util.TreeMap<>();
    ((Map<?, ?>) service(name).get("environment"))
        .forEach((k, v) -> env.put(String.valueOf(k), String.valueOf(v)));
    return env;
  }
}
