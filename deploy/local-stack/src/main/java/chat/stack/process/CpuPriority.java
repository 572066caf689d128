package chat.stack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Lowers the CPU priority of a running process: a higher nice value, or the {@code SCHED_IDLE}
 * policy. On Linux both belong to each thread, so every thread of the process is changed; threads
 * it starts later inherit them from the thread that starts them.
 */
public final class CpuPriority {

  /** Linux's number of the {@code SCHED_IDLE} policy. */
  public static final int SCHED_IDLE = 5;

  private CpuPriority() {}

  /**
   * Sets nice value {@code niceness} (1..19) on every thread of {@code pid}. A thread that ends
   * meanwhile is skipped (renice then reports it, which is not an error here).
   *
   * @throws IllegalStateException if the process itself did not get the value
   */
  public static void lower(long pid, int niceness) {
    if (niceness < 1 || niceness > 19) {
      throw new IllegalArgumentException("niceness must be 1..19, not " + niceness);
    }
    List<String> command = new ArrayList<>(List.of("renice", "-n", Integer.toString(niceness)));
    command.add("-p");
    command.addAll(threads(pid));
    String output = run(command);
    if (niceness(pid) != niceness) {
      throw new IllegalStateException("renice of pid " + pid + " failed: " + output);
    }
  }

  /**
   * Puts every thread of {@code pid} under Linux's {@code SCHED_IDLE} policy (with {@code chrt}):
   * it runs only on CPU time no normal thread wants, and a normal thread that wakes preempts it at
   * once, where a nice value only shrinks its share. Threads it starts later inherit the policy.
   *
   * @throws IllegalStateException if the process itself did not get the policy
   */
  public static void idle(long pid) {
    String output = run(List.of("chrt", "--all-tasks", "--idle", "--pid", "0", Long.toString(pid)));
    if (policy(pid) != SCHED_IDLE) {
      throw new IllegalStateException("chrt --idle of pid " + pid + " failed: " + output);
    }
  }

  /** The nice value of the thread {@code tid} (field 19 of {@code /proc/<tid>/stat}). */
  public static int niceness(long tid) {
    return Integer.parseInt(statField(tid, 19));
  }

  /** The scheduling policy of the thread {@code tid} (field 41 of {@code /proc/<tid>/stat}). */
  public static int policy(long tid) {
    return Integer.parseInt(statField(tid, 41));
  }

  /** The thread ids of {@code pid}. */
  public static List<String> threads(long pid) {
    try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      return tasks.map(task -> task.getFileName().toString()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the threads of pid " + pid, e);
    }
  }

  private static String statField(long tid, int field) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(tid), "stat"));
      // The command name (field 2) may contain spaces: count fields after its closing ')'.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return fields[field - 3];
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read /proc/" + tid + "/stat", e);
    }
  }

  /**
   * Runs {@code command} and returns its output. Its exit status is not checked: a thread that ends
   * meanwhile makes renice and chrt report an error; the callers check the effect instead.
   */
  private static String run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes()).trim();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(command.get(0) + " did not finish: " + output);
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command.get(0), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command.get(0), e);
    }
  }
}
