package chat.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Each service image: multi-stage reactor build, JRE runtime, non-root, readiness check. */
class DockerfilesTest {

  static final List<String> SERVICES = Repo.SERVICES;

  private static final Pattern HEALTHCHECK_CMD =
      Pattern.compile("HEALTHCHECK[^\\n]*\\\\\\n\\s*CMD \\[\"bash\", \"-c\", \"(.*)\"]");

  @ParameterizedTest
  @FieldSource("SERVICES")
  void buildsTheModuleWithTheReactorAndRunsOnAJre(String name) {
    String dockerfile = dockerfile(name);
    List<String> stages = lines(dockerfile, "FROM ");
    assertThat(stages).anyMatch(s -> s.matches("FROM maven:[^ ]*eclipse-temurin-17 AS build"));
    assertThat(stages.get(stages.size() - 1)).matches("FROM eclipse-temurin:17-jre[^ ]*");
    assertThat(dockerfile).contains("mvn -B -q -pl " + name + " -am -DskipTests package");
    assertThat(dockerfile).contains("cp " + name + "/target/" + name + "-*.jar /app.jar");
  }

  @ParameterizedTest
  @FieldSource("SERVICES")
  void runsAsANumericNonRootUserOnTheServicePort(String name) {
    String dockerfile = dockerfile(name);
    int port = Repo.service(name).port();
    assertThat(lines(dockerfile, "USER ")).containsExactly("USER 10001:10001");
    assertThat(lines(dockerfile, "EXPOSE ")).containsExactly("EXPOSE " + port);
    assertThat(dockerfile).contains("ENV PORT=" + port);
    assertThat(lines(dockerfile, "ENTRYPOINT ").get(0)).startsWith("ENTRYPOINT [\"java\"");
  }

  @Test
  void gatewayImageCarriesTheBuiltFrontend() {
    String dockerfile = dockerfile("gateway-service");
    assertThat(dockerfile).contains("FROM node:20", "RUN npm ci", "RUN npm run build");
    assertThat(dockerfile).contains("COPY --from=frontend /frontend/dist /app/frontend");
    assertThat(dockerfile).contains("FRONTEND_DIST=/app/frontend");
  }

  @Test
  void buildContextLeavesOutHostBuildOutput() {
    assertThat(Repo.read(Repo.path(".dockerignore"))).contains("**/target/", "**/node_modules/");
  }

  /** The HEALTHCHECK command itself, run with bash against a real HTTP server. */
  @ParameterizedTest
  @FieldSource("SERVICES")
  void healthCheckPassesOnlyWhenReadinessAnswers200(String name) throws Exception {
    String script = healthCheck(name);
    assertThat(script).contains("/actuator/health/readiness");
    assertThat(runCheck(script, serve(200))).isZero();
    assertThat(runCheck(script, serve(503))).isNotZero();
    assertThat(runCheck(script, freePort())).isNotZero();
  }

  private static final List<HttpServer> servers = new ArrayList<>();

  @org.junit.jupiter.api.AfterAll
  static void stopServers() {
    servers.forEach(s -> s.stop(0));
  }

  private static int serve(int status) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/actuator/health/readiness",
        exchange -> {
          byte[] body = "{\"status\":\"X\"}".getBytes();
          exchange.sendResponseHeaders(status, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    servers.add(server);
    return server.getAddress().getPort();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static int runCheck(String script, int port) {
    return Commands.run(
            Repo.ROOT, Map.of("PORT", String.valueOf(port)), List.of("bash", "-c", script))
        .exitCode();
  }

  /** The bash script of the exec-form HEALTHCHECK, JSON-unescaped. */
  private static String healthCheck(String name) {
    Matcher m = HEALTHCHECK_CMD.matcher(dockerfile(name));
    assertThat(m.find()).as("%s: HEALTHCHECK CMD [\"bash\", \"-c\", ...]", name).isTrue();
    return m.group(1).replace("\\\\", "\\").replace("\\\"", "\"");
  }

  private static String dockerfile(String name) {
    return Repo.read(Repo.path(name).resolve("Dockerfile"));
  }

  private static List<String> lines(String text, String prefix) {
    return text.lines().filter(l -> l.startsWith(prefix)).toList();
  }
}
