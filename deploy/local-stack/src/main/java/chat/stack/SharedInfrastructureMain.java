package chat.stack;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;

/**
 * {@code SharedInfrastructureMain <file>}: starts the test infrastructure once for a whole test run
 * (the same choice as {@link TestInfrastructure}: containers when Docker is reachable, else local
 * processes on random ports), writes the endpoints to {@code <file>} for {@code
 * CHAT_TEST_INFRA_FILE}, and serves until SIGTERM, which stops everything.
 */
public final class SharedInfrastructureMain {

  private SharedInfrastructureMain() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length != 1) {
      System.err.println("usage: SharedInfrastructureMain <endpoints-file>");
      System.exit(2);
    }
    Path file = Path.of(args[0]).toAbsolutePath();
    Infrastructure infrastructure = Infrastructure.selectStarting();
    long begin = System.nanoTime();
    try {
      CompletableFuture.allOf(
              CompletableFuture.runAsync(infrastructure::redis),
              CompletableFuture.runAsync(infrastructure::kafkaBootstrapServers),
              CompletableFuture.runAsync(infrastructure::mongoServerUri),
              CompletableFuture.runAsync(infrastructure::elasticsearchUrl))
          .join();
    } catch (CompletionException e) {
      // Exit (the shutdown hook stops what did start) instead of lingering on the servers'
      // threads until the test script's deadline.
      e.getCause().printStackTrace();
      System.exit(1);
    }
    Properties endpoints = FileInfrastructure.describe(infrastructure);
    Path partial = file.resolveSibling(file.getFileName() + ".partial");
    try (Writer writer = Files.newBufferedWriter(partial)) {
      endpoints.store(writer, "test infrastructure, pid " + ProcessHandle.current().pid());
    }
    Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    System.out.printf(
        "test infrastructure ready in %.1fs: %s%n", (System.nanoTime() - begin) / 1e9, endpoints);
    CountDownLatch forever = new CountDownLatch(1);
    forever.await(); // Cleanup's shutdown hook stops everything on SIGTERM
  }
}
