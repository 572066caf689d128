package chat.stack.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackPlanTest {

  @TempDir Path dataDir;

  /** JUnit's folder is private (700): Elasticsearch would be placed under /var/tmp instead. */
  @BeforeEach
  void dataDirOthersCanEnter() throws Exception {
    Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Test
  void startsInfrastructureThenFourServicesOnTheFixedPorts() {
    List<Component> components = plan(Map.of());

    assertThat(components)
        .extracting(Component::name, Component::port)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("redis", 6380),
            org.assertj.core.groups.Tuple.tuple("mongodb", 27018),
            org.assertj.core.groups.Tuple.tuple("kafka", 9092),
            org.assertj.core.groups.Tuple.tuple("elasticsearch", 9200),
            org.assertj.core.groups.Tuple.tuple("gateway-service", 8080),
            org.assertj.core.groups.Tuple.tuple("messaging-service", 8081),
            org.assertj.core.groups.Tuple.tuple("presence-service", 8082),
            org.assertj.core.groups.Tuple.tuple("logging-service", 8083));
  }

  @Test
  void secondMessagingReplicaListensOn8091AndTheGatewayKnowsBoth() {
    StackSettings settings = settings(Map.of("MESSAGING_REPLICAS", "2"));

    assertThat(
            StackPlan.components(settings, new StackFiles(dataDir), "s").stream()
                .map(Component::name))
        .contains("messaging-service-2");
    assertThat(StackPlan.commonEnvironment(settings, Endpoints.of(settings), "s"))
        .containsEntry("MESSAGING_URL", "http://127.0.0.1:8081,http://127.0.0.1:8091");
  }

  @Test
  void externalInfrastructureIsNotStartedAndIsPassedOn() {
    Map<String, String> env =
        Map.of(
            "REDIS_HOST", "redis.example",
            "REDIS_PORT", "6379",
            "KAFKA_BROKER", "kafka.example:9092");
    StackSettings settings = settings(env);

    assertThat(plan(env).stream().map(Component::name)).doesNotContain("redis", "kafka");
    assertThat(StackPlan.commonEnvironment(settings, Endpoints.of(settings), "s"))
        .containsEntry("REDIS_HOST", "redis.example")
        .containsEntry("REDIS_PORT", "6379")
        .containsEntry("KAFKA_BROKER", "kafka.example:9092")
        .containsEntry("MONGODB_URI", "mongodb://127.0.0.1:27018/chat");
  }

  @Test
  void portOffsetShiftsEveryPortAndTheAllowedOrigin() {
    StackSettings settings = settings(Map.of("CHAT_PORT_OFFSET", "1000"));

    assertThat(StackPlan.components(settings, new StackFiles(dataDir), "s"))
        .extracting(Component::port)
        .containsExactly(7380, 28018, 10092, 10200, 9080, 9081, 9082, 9083);
    assertThat(StackPlan.commonEnvironment(settings, Endpoints.of(settings), "s"))
        .containsEntry("CLIENT_URL", "http://localhost:9080")
        .containsEntry("KAFKA_BROKER", "127.0.0.1:10092");
  }

  @Test
  void componentsOffTheMessagePathRunAtLowerPriority() {
    assertThat(plan(Map.of()))
        .filteredOn(component -> component.niceness() > 0)
        .extracting(Component::name, Component::niceness)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("kafka", 10),
            org.assertj.core.groups.Tuple.tuple("elasticsearch", 10),
            org.assertj.core.groups.Tuple.tuple("presence-service", 10),
            org.assertj.core.groups.Tuple.tuple("logging-service", 10));
    assertThat(plan(Map.of())).noneMatch(Component::idle);
    assertThat(plan(Map.of("CHAT_BACKGROUND_IDLE", "true")))
        .filteredOn(Component::idle)
        .extracting(Component::name)
        .containsExactly("kafka", "elasticsearch", "presence-service", "logging-service");
    assertThat(plan(Map.of("CHAT_BACKGROUND_NICE", "0"))).allMatch(c -> c.niceness() == 0);
    assertThat(plan(Map.of("CHAT_BACKGROUND_NICE", "5")))
        .filteredOn(component -> component.name().equals("logging-service"))
        .singleElement()
        .extracting(Component::niceness)
        .isEqualTo(5);
  }

  @Test
  void servicesGetTheSharedVariables() {
    StackSettings settings = settings(Map.of());

    assertThat(StackPlan.commonEnvironment(settings, Endpoints.of(settings), "secret"))
        .containsEntry("JWT_SECRET", "secret")
        .containsEntry("CLIENT_URL", "http://localhost:8080")
        .containsEntry("KAFKA_TOPIC", "chat-activity")
        .containsEntry("ELASTICSEARCH_NODE", "http://127.0.0.1:9200")
        .containsEntry("FRONTEND_DIST", Path.of("/repo/frontend/dist").toString());
  }

  private List<Component> plan(Map<String, String> env) {
    return StackPlan.components(settings(env), new StackFiles(dataDir), "secret");
  }

  private StackSettings settings(Map<String, String> env) {
    Map<String, String> all = new java.util.HashMap<>(env);
    all.put("CHAT_DATA_DIR", dataDir.toString());
    return StackSettings.from(Path.of("/repo"), all);
  }
}
