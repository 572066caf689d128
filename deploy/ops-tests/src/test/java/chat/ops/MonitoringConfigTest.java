package chat.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** Prometheus configs and rules pass promtool; dashboards are well-formed and current. */
class MonitoringConfigTest {

  private static final Path PROMETHEUS = Repo.path("deploy/prometheus");
  private static final Path DASHBOARDS = Repo.path("deploy/grafana/dashboards");

  @TempDir Path temp;

  @Test
  void localAndComposeConfigsPassPromtoolWithTheRules() throws IOException {
    assumeTrue(Commands.available("promtool"), "promtool (Debian prometheus) not installed");
    for (String config : List.of("prometheus-local.yml", "prometheus-compose.yml")) {
      Path copy = withRules(Repo.read(PROMETHEUS.resolve(config)), config);
      assertPromtool("check", "config", copy.toString());
    }
  }

  /**
   * Debian's Prometheus is built without Kubernetes discovery: check the rest with static targets.
   */
  @Test
  void kubernetesConfigPassesPromtoolApartFromDiscovery() throws IOException {
    assumeTrue(Commands.available("promtool"), "promtool (Debian prometheus) not installed");
    String k8s = Repo.read(PROMETHEUS.resolve("prometheus-k8s.yml"));
    assertThat(k8s).contains("kubernetes_sd_configs:", "role: pod");
    String staticTargets =
        k8s.replaceAll(
            "(?s)    kubernetes_sd_configs:.*?names: \\[chat]\\n",
            "    static_configs:\n      - targets: [\"localhost:8080\"]\n");
    assertThat(staticTargets).doesNotContain("kubernetes_sd_configs");
    assertPromtool("check", "config", withRules(staticTargets, "k8s.yml").toString());
  }

  @Test
  void alertRulesPassPromtoolAndCoverTheAgreedFailures() {
    assumeTrue(Commands.available("promtool"), "promtool (Debian prometheus) not installed");
    assertPromtool("check", "rules", PROMETHEUS.resolve("rules/chat-alerts.yml").toString());
    assertThat(alertNames())
        .contains(
            "ChatServiceDown",
            "ChatDeliveryLatencyP99High",
            "ChatConsumerLagGrowing",
            "ChatKafkaDrops",
            "ChatDeadLetterRecords",
            "ChatHttpErrorRateHigh");
  }

  @Test
  void dashboardsAreTheOverviewAndOnePerService() throws IOException {
    Set<String> uids = new HashSet<>();
    for (Path file : Repo.files(DASHBOARDS, ".json")) {
      JsonNode dashboard = new ObjectMapper().readTree(file.toFile());
      assertThat(uids.add(dashboard.get("uid").asText())).as("unique uid in %s", file).isTrue();
      for (JsonNode panel : dashboard.get("panels")) {
        assertThat(panel.at("/datasource/uid").asText()).isEqualTo(provisionedDatasourceUid());
        assertThat(panel.get("targets")).isNotEmpty();
      }
    }
    assertThat(uids)
        .containsExactlyInAnyOrder(
            "chat-overview", "chat-gateway", "chat-messaging", "chat-presence", "chat-logging");
  }

  /** Every dashboard query compiles: promtool checks them as recording rules. */
  @Test
  void everyDashboardQueryIsValidPromql() throws IOException {
    assumeTrue(Commands.available("promtool"), "promtool (Debian prometheus) not installed");
    List<Map<String, String>> rules = new ArrayList<>();
    for (String expr : dashboardExpressions()) {
      rules.add(Map.of("record", "dashboard:query:" + rules.size(), "expr", grafanaToPromql(expr)));
    }
    Path file = temp.resolve("dashboard-queries.yml");
    Files.writeString(
        file, new Yaml().dump(Map.of("groups", List.of(Map.of("name", "q", "rules", rules)))));
    assertPromtool("check", "rules", file.toString());
    assertThat(rules).hasSizeGreaterThan(40);
  }

  @Test
  void committedDashboardsMatchTheGenerator() throws IOException {
    assumeTrue(Commands.available("node"), "node not installed");
    var result =
        Commands.run(
            Repo.ROOT,
            Map.of("DASHBOARDS_OUT", temp.toString()),
            List.of("node", "deploy/grafana/generate-dashboards.mjs"));
    assertThat(result.exitCode()).as(result.output()).isZero();
    for (Path generated : Repo.files(temp, ".json")) {
      assertThat(Repo.read(DASHBOARDS.resolve(generated.getFileName())))
          .as(
              "%s is stale: run node deploy/grafana/generate-dashboards.mjs",
              generated.getFileName())
          .isEqualTo(Repo.read(generated));
    }
  }

  /** The substitutions verify.sh makes too: every instance, a fixed rate window. */
  static String grafanaToPromql(String expr) {
    return expr.replace("$__rate_interval", "1m").replace("$instance", ".*");
  }

  private List<String> dashboardExpressions() throws IOException {
    List<String> expressions = new ArrayList<>();
    for (Path file : Repo.files(DASHBOARDS, ".json")) {
      for (JsonNode panel : new ObjectMapper().readTree(file.toFile()).get("panels")) {
        panel.get("targets").forEach(t -> expressions.add(t.get("expr").asText()));
      }
    }
    return expressions;
  }

  @SuppressWarnings("unchecked")
  private static List<String> alertNames() {
    Map<String, Object> rules =
        new Yaml().load(Repo.read(PROMETHEUS.resolve("rules/chat-alerts.yml")));
    List<String> names = new ArrayList<>();
    for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
      for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
        names.add((String) rule.get("alert"));
      }
    }
    return names;
  }

  @SuppressWarnings("unchecked")
  private static String provisionedDatasourceUid() {
    Map<String, Object> provisioning =
        new Yaml()
            .load(Repo.read(Repo.path("deploy/grafana/provisioning/datasources/prometheus.yml")));
    return (String) ((List<Map<String, Object>>) provisioning.get("datasources")).get(0).get("uid");
  }

  /** A copy of a config whose rule_files point at the repository's rules. */
  private Path withRules(String config, String name) throws IOException {
    String rules = PROMETHEUS.resolve("rules").toAbsolutePath() + "/*.yml";
    Path copy = temp.resolve(name);
    Files.writeString(copy, config.replaceAll("(?m)^  - .*rules/\\*\\.yml$", "  - " + rules));
    return copy;
  }

  private static void assertPromtool(String... args) {
    List<String> command = new ArrayList<>(List.of("promtool"));
    command.addAll(List.of(args));
    var result = Commands.run(Repo.ROOT, Map.of(), command);
    assertThat(result.exitCode()).as(String.join(" ", command) + "\n" + result.output()).isZero();
  }
}
