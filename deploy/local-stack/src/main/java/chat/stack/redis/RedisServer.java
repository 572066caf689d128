package chat.stack.redis;

import chat.stack.process.Await;
import chat.stack.process.ManagedProcess;
import chat.stack.process.ProcessBacked;
import chat.stack.process.TempFolders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Debian's {@code redis-server} as a child process on 127.0.0.1. Ephemeral instances (tests) keep
 * nothing on disk; durable ones (the local stack, chaos tests) keep an append-only file in their
 * folder, so a restart finds the same data.
 */
public final class RedisServer extends ProcessBacked {

  public static final String HOST = "127.0.0.1";
  private static final List<Path> BINARIES =
      List.of(Path.of("/usr/bin/redis-server"), Path.of("/usr/local/bin/redis-server"));

  private final Path folder;
  private final int port;
  private final boolean durable;
  private final boolean temporary;

  private RedisServer(Path folder, int port, boolean durable, boolean temporary) {
    super(Duration.ofSeconds(30));
    this.folder = folder;
    this.port = port;
    this.durable = durable;
    this.temporary = temporary;
  }

  /** A test instance: no persistence, folder deleted on close. */
  public static RedisServer ephemeral(int port) {
    return new RedisServer(TempFolders.create("chat-redis-"), port, false, true);
  }

  /**
   * An instance with an append-only file in a temporary folder (chaos tests: restart keeps data).
   */
  public static RedisServer durableTemporary(int port) {
    return new RedisServer(TempFolders.create("chat-redis-"), port, true, true);
  }

  /** The local stack's instance: append-only file in {@code folder}, which is kept. */
  public static RedisServer durable(Path folder, int port) {
    return new RedisServer(folder, port, true, false);
  }

  public String host() {
    return HOST;
  }

  public int port() {
    return port;
  }

  public Path logFile() {
    return folder.resolve("redis.log");
  }

  @Override
  public void start() {
    ManagedProcess started;
    synchronized (this) {
      if (isRunning()) {
        return;
      }
      List<String> command = new ArrayList<>();
      command.addAll(
          List.of(binary().toString(), "--port", Integer.toString(port), "--bind", HOST));
      command.addAll(List.of("--dir", folder.toString(), "--save", "", "--daemonize", "no"));
      command.addAll(List.of("--appendonly", durable ? "yes" : "no", "--logfile", ""));
      started = ManagedProcess.start("redis-" + port, command, Map.of(), folder, logFile());
      attach(started);
    }
    // Outside the lock: stop() may kill a process that never gets ready.
    Await.until(
        "Redis on port " + port, Duration.ofSeconds(60), started, () -> RespPing.pong(HOST, port));
  }

  @Override
  public synchronized void close() {
    super.close();
    if (temporary) {
      TempFolders.delete(folder);
    }
  }

  private static Path binary() {
    return BINARIES.stream()
        .filter(Files::isExecutable)
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "redis-server is not installed: run `sudo apt-get install -y redis-server`"
                        + " (deploy/chat up and deploy/chat test install it for you)."));
  }
}
