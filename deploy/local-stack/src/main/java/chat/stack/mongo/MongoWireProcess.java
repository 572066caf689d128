package chat.stack.mongo;

import chat.stack.process.Await;
import chat.stack.process.Commands;
import chat.stack.process.ManagedProcess;
import chat.stack.process.ProcessBacked;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The local stack's MongoDB-wire server as a process of its own ({@link MongoWireMain}, H2 file on
 * disk), so that it can be restarted, measured and stopped like the other components.
 */
public final class MongoWireProcess extends ProcessBacked {

  /** Where the documents live. */
  public enum Storage {
    /** The H2 file {@code chat.mv.db}, kept across restarts (the default). */
    DISK,
    /** The memory backend: nothing survives a stop; for measuring the services without H2. */
    MEMORY;

    public static Storage named(String name) {
      return switch (name) {
        case "disk" -> DISK;
        case "memory" -> MEMORY;
        default ->
            throw new IllegalArgumentException(
                "CHAT_MONGODB_STORAGE must be disk or memory, not " + name);
      };
    }
  }

  private final Path folder;
  private final int port;
  private final Storage storage;

  public MongoWireProcess(Path folder, int port) {
    this(folder, port, Storage.DISK);
  }

  public MongoWireProcess(Path folder, int port, Storage storage) {
    super(Duration.ofSeconds(30));
    this.folder = folder;
    this.port = port;
    this.storage = storage;
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
      attach(started);
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
        // A fixed heap: a growing one stayed full of promoted cache pages and ran a ~150 ms full
        // collection every few seconds under the benchmark, stalling every insert in flight.
        // Young collections copy the B-tree pages a second of inserts has modified (tens of MB):
        // two collector threads halve those pauses, during which no insert progresses (10 x 10 x
        // 300 benchmark: serial 1,900-2,600 stored msg/s, parallel 2,800). A large young
        // generation lets most page copies die young: with 96 MB the collector kept eden at ~37 MB,
        // collected 1.8 times a second (29 ms each) and promoted enough for a ~130 ms full
        // collection every half minute; with 320 MB, 0.43 young collections a second (36-52 ms),
        // at most one full collection a minute, and a third less CPU.
        "-Xms640m",
        "-Xmx640m",
        "-Xmn320m",
        "-XX:+UseParallelGC",
        "-XX:ParallelGCThreads=2",
        "-cp",
        System.getProperty("java.class.path"),
        MongoWireMain.class.getName(),
        Integer.toString(port),
        storage == Storage.MEMORY ? MongoWireMain.MEMORY : folder.resolve("chat.mv.db").toString());
  }
}
