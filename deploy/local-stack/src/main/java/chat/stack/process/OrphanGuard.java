package chat.stack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Stops this JVM's external processes when the JVM dies without running its shutdown hooks
 * (SIGKILL, a surefire fork timeout): a detached shell polls this JVM's pid and then sends SIGTERM,
 * later SIGKILL, to every pid still registered. Registered pids live as files in a per-JVM folder,
 * so a clean stop simply removes its file.
 */
final class OrphanGuard {

  private static final String SCRIPT =
      """
      while kill -0 "$1" 2>/dev/null; do sleep 2; done
      pids=$(cat "$2"/*.pid 2>/dev/null)
      if [ -n "$pids" ]; then
        kill -TERM $pids 2>/dev/null; sleep 15; kill -KILL $pids 2>/dev/null
      fi
      rm -rf "$2"
      """;

  private static Path folder;

  private OrphanGuard() {}

  static synchronized void register(String name, long pid) {
    try {
      Files.writeString(folder().resolve(name + ".pid"), pid + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static synchronized void unregister(String name) {
    if (folder != null) {
      try {
        Files.deleteIfExists(folder.resolve(name + ".pid"));
      } catch (IOException e) {
        // the watchdog would SIGTERM an already stopped pid: harmless
      }
    }
  }

  private static Path folder() throws IOException {
    if (folder == null) {
      folder = Files.createTempDirectory("chat-stack-guard-");
      long self = ProcessHandle.current().pid();
      new ProcessBuilder(
              Commands.detached(
                  List.of("sh", "-c", SCRIPT, "guard", Long.toString(self), folder.toString())))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
    }
    return folder;
  }
}
