package chat.stack.launcher;

import chat.stack.process.Await;
import chat.stack.process.Commands;
import chat.stack.process.ManagedProcess;
import chat.stack.process.ProcessBacked;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One Spring Boot service ({@code java -jar <module>/target/<module>-*.jar}), ready when {@code
 * /actuator/health/readiness} answers 200. The jar is looked up at each start, so a restart picks
 * up a rebuilt one.
 */
final class ServiceProcess extends ProcessBacked {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final Path module;
  private final int port;
  private final Map<String, String> env;
  private final StackSettings settings;
  private final Path logFile;
  private final Path jarFolder;

  ServiceProcess(
      String name,
      Path module,
      int port,
      Map<String, String> env,
      StackSettings settings,
      Path logFile,
      Path jarFolder) {
    super(Duration.ofSeconds(40));
    this.name = name;
    this.module = module;
    this.port = port;
    this.env = env;
    this.settings = settings;
    this.logFile = logFile;
    this.jarFolder = jarFolder;
  }

  @Override
  public void start() {
    ManagedProcess started;
    synchronized (this) {
      if (isRunning()) {
        return;
      }
      List<String> command = new ArrayList<>();
      command.add(Commands.currentJava());
      command.addAll(settings.serviceJavaOptions());
      command.addAll(List.of("-jar", JarStaging.stage(jar(), jarFolder).toString()));
      started = ManagedProcess.start(name, command, env, settings.root(), logFile);
      attach(started);
    }
    Await.until(name, settings.readyTimeout(), started, this::ready);
  }

  private boolean ready() {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
            .timeout(Duration.ofSeconds(3))
            .build();
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private Path jar() {
    Path target = module.resolve("target");
    String prefix = module.getFileName() + "-";
    try (Stream<Path> files = Files.list(target)) {
      return files
          .filter(file -> file.getFileName().toString().startsWith(prefix))
          .filter(file -> file.getFileName().toString().endsWith(".jar"))
          .filter(file -> !file.getFileName().toString().endsWith("-plain.jar"))
          .findFirst()
          .orElseThrow(() -> missingJar(target));
    } catch (IOException e) {
      throw missingJar(target);
    }
  }

  private IllegalStateException missingJar(Path target) {
    return new IllegalStateException(
        "No "
            + module.getFileName()
            + " jar in "
            + target
            + ": build it with `mvn -pl "
            + module.getFileName()
            + " -am package -DskipTests` (deploy/chat up does).");
  }
}
