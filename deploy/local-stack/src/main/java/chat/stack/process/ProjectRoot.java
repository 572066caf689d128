package chat.stack.process;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the repository root, where the broker libraries and the Elasticsearch zip live. */
public final class ProjectRoot {

  private ProjectRoot() {}

  /**
   * The first folder at or above {@code user.dir} (or {@code CHAT_PROJECT_ROOT} when set) that
   * contains {@code deploy/kafka-runtime}. Tests run with {@code user.dir} = their module, the
   * launcher with the repository root: both find the same folder.
   */
  public static Path find() {
    String override = System.getenv("CHAT_PROJECT_ROOT");
    Path start =
        Path.of(override != null ? override : System.getProperty("user.dir")).toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("deploy/kafka-runtime"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "Cannot find the project root (a folder containing deploy/kafka-runtime) at or above "
            + start
            + ". Run from inside the repository or set CHAT_PROJECT_ROOT.");
  }
}
