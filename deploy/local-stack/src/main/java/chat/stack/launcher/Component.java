package chat.stack.launcher;

import chat.stack.Restartable;
import java.nio.file.Path;
import java.util.Set;

/**
 * One process of the stack: what it is called, where it listens, what must be ready before it
 * starts, and where its log is.
 *
 * @param afterStart run once it is ready (e.g. creating the Kafka topics)
 */
record Component(
    String name,
    int port,
    Set<String> dependsOn,
    Restartable process,
    Path logFile,
    Runnable afterStart) {

  /** Starts it and returns once it is ready. */
  void start() {
    process.start();
    afterStart.run();
  }

  boolean isService() {
    return name.endsWith("-service") || name.contains("-service-");
  }
}
