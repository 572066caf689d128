package chat.stack.mongo;

import chat.stack.Restartable;
import chat.stack.process.Await;
import chat.stack.process.Commands;
import chat.stack.process.ManagedProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The local stack's MongoDB-wire server as a process of its own ({@link MongoWireMain}, H2 file on
 * disk), so that it can be restarted, measured and stopped like the other components.
 */
public final class MongoWireProcess implements Restartable {

  private final Path folder;
  private final int port;
  private volatile ManagedProcess process;

  public MongoWireProcess(Path folder, int port) {
    this.folder = folder;
    this.port = port;
  }

  public int port() {
    return port;
  }

  public Path logFile() {
    return folder.resolve("mongodb.log");
  }

  /** {@code mongodb://127.0.0.1:<port>/<database>}. */
  public String uri(String database) {
    return "mongodb://" + MongoWireServer.HOST + ":" + port + "/" + database;
  }

  @Override
  public void start() {
    ManagedProcess started;
    synchronized (this) {
      if (isRunning()) {
        return;
      }
      started = ManagedProcess.start("mongodb-" + port, command(), Map.of(), folder, logFile());
      process = started;
    }
    Await.until(
        "MongoDB-wire server on port " + port,
        Duration.ofSeconds(60),
        started,
        () -> Await.listening(MongoWireServer.HOST, port));
  }

  private List<String> command() {
    return List.of(
        Commands.currentJava(),
        "-Xms32m",
        "-Xmx256m",
        "-XX:+UseSerialGC",
        "-cp",
        System.getProperty("java.class.path"),
        MongoWireMain.class.getName(),
        Integer.toString(port),
        folder.resolve("chat.mv.db").toString());
  }

  @Override
  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  @Override
  public synchronized long pid() {
    return isRunning() ? process.pid() : -1;
  }

  @Override
  public void stop() {
    ManagedProcess running;
    synchronized (this) {
      running = process;
      process = null;
    }
    if (running != null) {
      running.stop(Duration.ofSeconds(30));
    }
  }

  @Override
  public void close() {
    stop();
  }
}
