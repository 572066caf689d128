package chat.stack.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Small helpers to build command lines for the tools of util-linux. */
public final class Commands {

  private Commands() {}

  /**
   * Runs {@code command} in a session of its own (util-linux {@code setsid}, which execs in place,
   * so the pid stays the same): a Ctrl-C in the launcher's terminal then reaches only the launcher,
   * which stops everything in order.
   */
  public static List<String> detached(List<String> command) {
    if (!Files.isExecutable(Path.of("/usr/bin/setsid"))) {
      return command;
    }
    List<String> result = new ArrayList<>();
    result.add("/usr/bin/setsid");
    result.addAll(command);
    return result;
  }

  /** Whether this JVM runs as root (Elasticsearch then has to run as another user). */
  public static boolean runningAsRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  /** The {@code java} of the JVM running this code. */
  public static String currentJava() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
