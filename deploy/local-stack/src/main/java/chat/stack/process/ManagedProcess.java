package chat.stack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An operating-system process this JVM started (or adopted, for daemons such as Elasticsearch that
 * detach): its output goes to a log file, it is stopped with SIGTERM then SIGKILL, and it is
 * stopped by {@link OrphanGuard} if this JVM dies first.
 */
public final class ManagedProcess {

  private final String name;
  private final ProcessHandle handle;
  private final Path logFile;
  private final String guardKey;

  private ManagedProcess(String name, ProcessHandle handle, Path logFile) {
    this.name = name;
    this.handle = handle;
    this.logFile = logFile;
    this.guardKey = name + "-" + handle.pid();
    OrphanGuard.register(guardKey, handle.pid());
  }

  /** Starts {@code command} in its own session, output appended to {@code logFile}. */
  public static ManagedProcess start(
      String name, List<String> command, Map<String, String> env, Path workDir, Path logFile) {
    try {
      Files.createDirectories(logFile.getParent());
      ProcessBuilder builder =
          new ProcessBuilder(Commands.detached(command))
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      builder.environment().putAll(env);
      return new ManagedProcess(name, builder.start().toHandle(), logFile);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + name + ": " + command.get(0), e);
    }
  }

  /** Takes charge of a process that some launcher left running (a daemon, by its pid file). */
  public static ManagedProcess adopt(String name, long pid, Path logFile) {
    ProcessHandle handle =
        ProcessHandle.of(pid)
            .orElseThrow(() -> new IllegalStateException(name + " (pid " + pid + ") is gone"));
    return new ManagedProcess(name, handle, logFile);
  }

  public String name() {
    return name;
  }

  public long pid() {
    return handle.pid();
  }

  public boolean isAlive() {
    return handle.isAlive();
  }

  public Path logFile() {
    return logFile;
  }

  /** SIGTERM, then SIGKILL (with its descendants) if it has not exited within {@code grace}. */
  public void stop(Duration grace) {
    if (handle.isAlive()) {
      handle.destroy();
      if (!awaitExit(grace)) {
        handle.descendants().forEach(ProcessHandle::destroyForcibly);
        handle.destroyForcibly();
        awaitExit(Duration.ofSeconds(10));
      }
    }
    OrphanGuard.unregister(guardKey);
  }

  /** Waits up to {@code timeout} for the process to exit; whether it did. */
  public boolean awaitExit(Duration timeout) {
    try {
      handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      return !handle.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !handle.isAlive();
    }
  }

  /** The last lines of the log, for error messages that say why a process did not come up. */
  public String logTail(int lines) {
    return LogTail.of(logFile, lines);
  }
}
