package chat.stack.launcher;

import chat.stack.process.Commands;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code deploy/chat up --detach}: runs the launcher in the background (own session, output in
 * {@code logs/launcher.log}), echoes its progress, and returns once the stack is ready (0) or the
 * launcher gave up (its exit status).
 */
final class Detach {

  private Detach() {}

  static int run(StackSettings settings) {
    StackFiles files = new StackFiles(settings.dataDir());
    Path log = files.log("launcher");
    try {
      Files.createDirectories(files.logs());
      long offset = Files.exists(log) ? Files.size(log) : 0;
      List<String> command = new ArrayList<>();
      command.add(Commands.currentJava());
      command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
      command.addAll(
          List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "up"));
      Process launcher =
          new ProcessBuilder(Commands.detached(command))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      return follow(log, offset, launcher);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Prints what the launcher writes until it reports readiness or exits. */
  private static int follow(Path log, long offset, Process launcher) throws IOException {
    StringBuilder pending = new StringBuilder();
    while (true) {
      boolean alive = launcher.isAlive();
      try (RandomAccessFile in = new RandomAccessFile(log.toFile(), "r")) {
        in.seek(offset);
        byte[] bytes = new byte[(int) (in.length() - offset)];
        in.readFully(bytes);
        offset += bytes.length;
        pending.append(new String(bytes, StandardCharsets.UTF_8));
      }
      int newline;
      while ((newline = pending.indexOf("\n")) >= 0) {
        String line = pending.substring(0, newline);
        pending.delete(0, newline + 1);
        System.out.println(line);
        if (line.startsWith(Supervisor.RUNNING_BANNER)) {
          System.out.println("  (in the background; its output: " + log + ")");
          return 0;
        }
      }
      if (!alive) {
        System.out.print(pending);
        return launcher.exitValue() == 0 ? 1 : launcher.exitValue();
      }
      pause();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
