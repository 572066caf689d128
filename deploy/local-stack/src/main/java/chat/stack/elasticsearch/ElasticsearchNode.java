package chat.stack.elasticsearch;

import chat.stack.process.Await;
import chat.stack.process.Commands;
import chat.stack.process.LogTail;
import chat.stack.process.ManagedProcess;
import chat.stack.process.ProcessBacked;
import chat.stack.process.TempFolders;
import java.io.IOException;
import java.io.UncheckedIOException;
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

/**
 * One Elasticsearch node (single-node discovery, loopback, security off, 512 MB heap) started as a
 * daemon with {@code -d -p}; when this JVM runs as root, as user {@code nobody} through {@code
 * setpriv}, because Elasticsearch refuses root. Its folder holds a writable copy of the config, the
 * data, the logs and the pid file, and must be traversable by that user.
 */
public final class ElasticsearchNode extends ProcessBacked {

  public static final String HOST = "127.0.0.1";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Path folder;
  private final EsSettings settings;
  private final boolean temporary;

  private ElasticsearchNode(Path folder, EsSettings settings, boolean temporary) {
    super(Duration.ofSeconds(60));
    this.folder = folder;
    this.settings = settings;
    this.temporary = temporary;
  }

  /** A test node in a fresh folder under {@code /tmp}, deleted on close. */
  public static ElasticsearchNode temporary(int httpPort, int transportPort) {
    return new ElasticsearchNode(
        TempFolders.create("chat-elasticsearch-"),
        new EsSettings("chat-test", httpPort, transportPort),
        true);
  }

  /** The local stack's node; {@code folder} must be traversable by {@code nobody}. */
  public static ElasticsearchNode durable(Path folder, int httpPort, int transportPort) {
    return new ElasticsearchNode(
        folder, new EsSettings("chat-local", httpPort, transportPort), false);
  }

  public String url() {
    return "http://" + HOST + ":" + settings.httpPort();
  }

  public int port() {
    return settings.httpPort();
  }

  /** The node's main log (the launcher's own output is beside it, in launcher.log). */
  public Path logFile() {
    return folder.resolve("logs").resolve(settings.clusterName() + ".log");
  }

  @Override
  public void start() {
    ManagedProcess launcher;
    Path pidFile = folder.resolve("elasticsearch.pid");
    synchronized (this) {
      if (isRunning()) {
        return;
      }
      Path home = ElasticsearchDistribution.home();
      EsFolder.prepare(home, folder, settings);
      deleteStalePidFile(pidFile);
      launcher =
          ManagedProcess.start(
              "elasticsearch-launcher-" + settings.httpPort(),
              command(home, pidFile),
              Map.of(
                  "ES_JAVA_HOME", JavaHomes.forElasticsearch().toString(),
                  "ES_PATH_CONF", folder.resolve("config").toString(),
                  "ES_TMPDIR", folder.resolve("tmp").toString()),
              folder,
              folder.resolve("launcher.log"));
      attach(launcher);
    }
    // With -d the launcher returns once the node is started (or has failed). Outside the lock:
    // stop() may end a start that takes too long.
    launcher.awaitExit(Duration.ofSeconds(300));
    launcher.stop(Duration.ZERO);
    ManagedProcess node;
    synchronized (this) {
      if (!isCurrent(launcher)) {
        throw new IllegalStateException("Elasticsearch was stopped while starting");
      }
      node =
          ManagedProcess.adopt("elasticsearch-" + settings.httpPort(), readPid(pidFile), logFile());
      attach(node);
    }
    Await.until(
        "Elasticsearch on port " + settings.httpPort(),
        Duration.ofSeconds(120),
        node,
        this::clusterHealthy);
  }

  @Override
  public synchronized void close() {
    super.close();
    if (temporary) {
      TempFolders.delete(folder);
    }
  }

  /** Whether the cluster reports yellow or green ({@code GET /} answers 405 on this build). */
  public boolean clusterHealthy() {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(
                  URI.create(url() + "/_cluster/health?wait_for_status=yellow&timeout=2s"))
              .timeout(Duration.ofSeconds(5))
              .build();
      return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static List<String> command(Path home, Path pidFile) {
    List<String> command = new ArrayList<>();
    if (Commands.runningAsRoot()) {
      command.addAll(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"));
    }
    command.addAll(
        List.of(home.resolve("bin/elasticsearch").toString(), "-d", "-p", pidFile.toString()));
    return command;
  }

  /** Left by a node that was killed: it must not be mistaken for the new node's pid. */
  private static void deleteStalePidFile(Path pidFile) {
    try {
      Files.deleteIfExists(pidFile);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + pidFile, e);
    }
  }

  private long readPid(Path pidFile) {
    try {
      return Long.parseLong(Files.readString(pidFile).trim());
    } catch (IOException | NumberFormatException e) {
      throw new IllegalStateException(
          "Elasticsearch did not start. Launcher output:\n"
              + LogTail.of(folder.resolve("launcher.log"), 20)
              + "\nNode log "
              + logFile()
              + ":\n"
              + LogTail.of(logFile(), 30),
          e instanceof IOException io ? new UncheckedIOException(io) : e);
    }
  }
}
