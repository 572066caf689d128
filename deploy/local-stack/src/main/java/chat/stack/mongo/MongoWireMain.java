package chat.stack.mongo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The local stack's MongoDB-wire process: {@code MongoWireMain <port> <h2-file>} serves the H2 file
 * on 127.0.0.1:port until SIGTERM, then closes the file cleanly; {@code MongoWireMain <port>
 * memory} serves the memory backend instead. (The library's own mains bind 27017 only.)
 */
public final class MongoWireMain {

  /** The second argument that selects the memory backend. */
  static final String MEMORY = "memory";

  private MongoWireMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: MongoWireMain <port> <h2-file>|memory");
      System.exit(2);
    }
    int port = Integer.parseInt(args[0]);
    String where;
    MongoWireServer server;
    if (MEMORY.equals(args[1])) {
      where = "memory (nothing is kept after a stop)";
      server = MongoWireServer.inMemory(port);
    } else {
      Path file = Path.of(args[1]).toAbsolutePath();
      Files.createDirectories(file.getParent());
      where = file.toString();
      server = MongoWireServer.onDisk(file, port);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  System.out.println("MongoDB-wire server stopped, data in " + where);
                  stopped.countDown();
                }));
    System.out.println("MongoDB-wire server listening on 127.0.0.1:" + port + ", data in " + where);
    stopped.await();
  }
}
