package chat.stack.kafka;

import chat.stack.process.Await;
import chat.stack.process.Commands;
import chat.stack.process.ManagedProcess;
import chat.stack.process.ProcessBacked;
import chat.stack.process.ProjectRoot;
import chat.stack.process.TempFolders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real KRaft broker (combined broker and controller, one node) run as its own JVM from the jars
 * that {@code deploy/kafka-runtime} copies to {@code target/libs}. Storage is formatted once; a
 * restart reuses it, so topics and offsets survive.
 */
public final class KafkaBroker extends ProcessBacked {

  public static final String HOST = "127.0.0.1";

  private final Path folder;
  private final int port;
  private final int controllerPort;
  private final boolean temporary;
  private final String logLevel;

  private KafkaBroker(
      Path folder, int port, int controllerPort, boolean temporary, String logLevel) {
    super(Duration.ofSeconds(60));
    this.folder = folder;
    this.port = port;
    this.controllerPort = controllerPort;
    this.temporary = temporary;
    this.logLevel = logLevel;
  }

  /** A test broker in a temporary folder, quiet logs, deleted on close. */
  public static KafkaBroker temporary(int port, int controllerPort) {
    return new KafkaBroker(TempFolders.create("chat-kafka-"), port, controllerPort, true, "WARN");
  }

  /** The local stack's broker, its log segments in {@code folder}. */
  public static KafkaBroker durable(Path folder, int port, int controllerPort) {
    return new KafkaBroker(folder, port, controllerPort, false, "INFO");
  }

  public String bootstrapServers() {
    return HOST + ":" + port;
  }

  public int port() {
    return port;
  }

  public Path logFile() {
    return folder.resolve("kafka.log");
  }

  @Override
  public void start() {
    ManagedProcess started;
    synchronized (this) {
      if (isRunning()) {
        return;
      }
      KafkaConfig config = KafkaConfig.write(folder, port, controllerPort, logLevel);
      String classpath = libs() + "/*";
      if (!Files.exists(config.logDir().resolve("meta.properties"))) {
        format(classpath, config);
      }
      started =
          ManagedProcess.start(
              "kafka-" + port,
              java(classpath, config, "kafka.Kafka", config.serverProperties().toString()),
              Map.of(),
              folder,
              logFile());
      attach(started);
    }
    // Outside the lock: stop() may kill a process that never gets ready.
    Await.until(
        "Kafka on port " + port,
        Duration.ofSeconds(120),
        started,
        () -> Await.listening(HOST, port) && KafkaAdmin.clusterAnswers(bootstrapServers()));
  }

  @Override
  public synchronized void close() {
    super.close();
    if (temporary) {
      TempFolders.delete(folder);
    }
  }

  private void format(String classpath, KafkaConfig config) {
    ManagedProcess formatting =
        ManagedProcess.start(
            "kafka-format-" + port,
            java(
                classpath,
                config,
                "kafka.tools.StorageTool",
                "format",
                "-t",
                org.apache.kafka.common.Uuid.randomUuid().toString(),
                "-c",
                config.serverProperties().toString()),
            Map.of(),
            folder,
            folder.resolve("format.log"));
    boolean finished = formatting.awaitExit(Duration.ofSeconds(120));
    formatting.stop(Duration.ZERO);
    if (!finished || !Files.exists(config.logDir().resolve("meta.properties"))) {
      throw new IllegalStateException(
          "Formatting Kafka storage failed:\n" + formatting.logTail(30));
    }
  }

  private static List<String> java(
      String classpath, KafkaConfig config, String mainClass, String... args) {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Commands.currentJava(),
                "-Xms128m",
                "-Xmx512m",
                "-XX:+UseG1GC",
                "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + config.log4jProperties().toUri(),
                "-cp",
                classpath,
                mainClass));
    command.addAll(List.of(args));
    return command;
  }

  private static Path libs() {
    Path libs = ProjectRoot.find().resolve("deploy/kafka-runtime/target/libs");
    if (!Files.isDirectory(libs)) {
      throw new IllegalStateException(
          "The Kafka broker's jars are missing at "
              + libs
              + ": run `mvn -pl deploy/kafka-runtime package` first.");
    }
    return libs;
  }
}
