package chat.stack.mongo;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import java.nio.file.Path;

/**
 * A MongoDB wire-protocol server inside this JVM ({@code de.bwaldvogel:mongo-java-server}): the
 * memory backend for tests, the H2 MVStore backend (one file on disk) for the local stack. Only
 * unique indexes are enforced; TTL indexes are ignored. It also answers {@code hello} (see {@link
 * HelloCommand}).
 */
public final class MongoWireServer implements AutoCloseable {

  public static final String HOST = "127.0.0.1";

  private final MongoServer server;
  private final int port;

  private MongoWireServer(MongoBackend backend, int port) {
    this.server = new MongoServer(backend);
    this.server.bind(HOST, port);
    this.port = server.getLocalAddress().getPort();
  }

  /** Data in memory only; {@code port} 0 picks a free one. */
  public static MongoWireServer inMemory(int port) {
    return new MongoWireServer(new HelloCommand.Memory(), port);
  }

  /** Data in the H2 MVStore file {@code file}, kept across restarts. */
  public static MongoWireServer onDisk(Path file, int port) {
    return new MongoWireServer(new HelloCommand.H2(file.toString()), port);
  }

  public int port() {
    return port;
  }

  /** {@code mongodb://127.0.0.1:<port>/<database>}. */
  public String uri(String database) {
    return "mongodb://" + HOST + ":" + port + "/" + database;
  }

  /** Closes client connections and, for the H2 backend, the file (committing what is pending). */
  @Override
  public void close() {
    server.shutdown();
  }
}
