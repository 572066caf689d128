package chat.stack.launcher;

import chat.stack.Restartable;
import chat.stack.process.CpuPriority;
import java.nio.file.Path;
import java.util.Set;

/**
 * One process of the stack: what it is called, where it listens, what must be ready before it
 * starts, and where its log is.
 *
 * @param afterStart run once it is ready (e.g. creating the Kafka topics)
 * @param niceness the nice value it runs at once ready (0: normal priority; see {@link StackPlan})
 * @param idle whether it runs under {@code SCHED_IDLE} once ready (see {@link StackPlan})
 */
record Component(
    String name,
    int port,
    Set<String> dependsOn,
    Restartable process,
    Path logFile,
    Runnable afterStart,
    int niceness,
    boolean idle) {

  /** Starts it and returns once it is ready. */
  void start() {
    process.start();
    if (niceness > 0) {
      lowerPriority(() -> CpuPriority.lower(process.pid(), niceness));
    }
    if (idle) {
      lowerPriority(() -> CpuPriority.idle(process.pid()));
    }
    afterStart.run();
  }

  private void lowerPriority(Runnable change) {
    try {
      change.run();
    } catch (RuntimeException e) {
      // Only a matter of speed under load: the stack works the same without it.
      System.err.println("chat: " + name + " keeps its CPU priority: " + e.getMessage());
    }
  }

  boolean isService() {
    return name.endsWith("-service") || name.contains("-service-");
  }
}
