package chat.stack;

import java.util.ArrayDeque;
import java.util.Deque;

/** Closes what this JVM started, newest first, when the JVM exits. */
final class Cleanup {

  private static final Deque<AutoCloseable> RESOURCES = new ArrayDeque<>();
  private static boolean hooked;

  private Cleanup() {}

  static synchronized <T extends AutoCloseable> T register(T resource) {
    if (!hooked) {
      Runtime.getRuntime().addShutdownHook(new Thread(Cleanup::closeAll, "chat-test-infra-stop"));
      hooked = true;
    }
    RESOURCES.push(resource);
    return resource;
  }

  private static void closeAll() {
    AutoCloseable resource;
    while ((resource = next()) != null) {
      try {
        resource.close();
      } catch (Exception e) {
        System.err.println("Could not stop " + resource + ": " + e);
      }
    }
  }

  private static synchronized AutoCloseable next() {
    return RESOURCES.poll();
  }
}
