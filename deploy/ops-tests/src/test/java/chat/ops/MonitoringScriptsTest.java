package chat.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The live verification scripts at least parse, and their pure logic holds (no stack needed). */
class MonitoringScriptsTest {

  @Test
  void verifyScriptIsExecutableBash() {
    var verify = Repo.path("deploy/monitoring/verify.sh");
    assertThat(Files.isExecutable(verify)).isTrue();
    var result = Commands.run(Repo.ROOT, Map.of(), List.of("bash", "-n", verify.toString()));
    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  @Test
  void evaluatorRulesHold() {
    assumeTrue(Commands.available("node"), "node not installed");
    var result =
        Commands.run(
            Repo.ROOT, Map.of(), List.of("node", "--test", "deploy/monitoring/evaluate.test.mjs"));
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("# fail 0");
  }

  @Test
  void nodeScriptsParse() {
    assumeTrue(Commands.available("node"), "node not installed");
    for (String script : List.of("traffic.mjs", "evaluate.mjs", "chart.mjs")) {
      var result =
          Commands.run(
              Repo.ROOT, Map.of(), List.of("node", "--check", "deploy/monitoring/" + script));
      assertThat(result.exitCode()).as(script + ": " + result.output()).isZero();
    }
  }
}
