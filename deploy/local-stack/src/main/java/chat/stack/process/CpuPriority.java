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
 * Lowers the CPU priority (raises the nice value) of a running process. On Linux a nice value
 * belongs to each thread, so every thread of the process is reniced; threads it starts later
 * inherit the value from the thread that starts them.
 */
public final class CpuPriority {

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
    try {
      Process renice = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(renice.getInputStream().readAllBytes());
      if (!renice.waitFor(10, TimeUnit.SECONDS) || niceness(pid) != niceness) {
        throw new IllegalStateException("renice of pid " + pid + " failed: " + output.trim());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run renice", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while renicing pid " + pid, e);
    }
  }

  /** The nice value of the thread {@code tid} (field 19 of {@code /proc/<tid>/stat}). */
  public static int niceness(long tid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(tid), "stat"));
      // The command name (field 2) may contain spaces: count fields after its closing ')'.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Integer.parseInt(fields[16]);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the nice value of " + tid, e);
    }
  }

  /** The thread ids of {@code pid}. */
  public static List<String> threads(long pid) {
    try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      return tasks.map(task -> task.getFileName().toString()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the threads of pid " + pid, e);
    }
  }
}
