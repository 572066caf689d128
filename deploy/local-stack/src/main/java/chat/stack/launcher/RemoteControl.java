package chat.stack.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code down}, {@code status} and {@code restart}: talk to the launcher that runs the stack. */
final class RemoteControl {

  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(180);

  private RemoteControl() {}

  static int down(StackSettings settings) {
    StackFiles files = new StackFiles(settings.dataDir());
    Optional<ProcessHandle> launcher = launcher(files);
    if (launcher.isEmpty()) {
      System.out.println("Chat is not running (data dir " + settings.dataDir() + ").");
      return 0;
    }
    long begin = System.nanoTime();
    System.out.println("Stopping chat (launcher pid " + launcher.get().pid() + ")...");
    launcher.get().destroy();
    try {
      launcher.get().onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      System.err.println("The launcher did not stop in " + STOP_TIMEOUT + "; killing it.");
      launcher.get().destroyForcibly(); // its orphan guard then stops the children
      return 1;
    } catch (InterruptedException | ExecutionException e) {
      return 1;
    }
    System.out.println(
        "Chat stopped in " + Progress.seconds(Duration.ofNanos(System.nanoTime() - begin)) + ".");
    return 0;
  }

  static int status(StackSettings settings) {
    StackFiles files = new StackFiles(settings.dataDir());
    Optional<ProcessHandle> launcher = launcher(files);
    if (launcher.isEmpty()) {
      System.out.println("Chat is not running (data dir " + settings.dataDir() + ").");
      return 3;
    }
    System.out.println(
        "Chat runs at http://localhost:"
            + settings.ports().gateway()
            + " (launcher pid "
            + launcher.get().pid()
            + ", data dir "
            + settings.dataDir()
            + ")");
    return call(files, "GET", "/status", Duration.ofSeconds(10));
  }

  static int restart(StackSettings settings, String component) {
    StackFiles files = new StackFiles(settings.dataDir());
    if (launcher(files).isEmpty()) {
      System.err.println("Chat is not running (data dir " + settings.dataDir() + ").");
      return 3;
    }
    return call(files, "POST", "/restart/" + component, settings.readyTimeout().plusSeconds(60));
  }

  /** The message for a second {@code up} on a data dir whose launcher runs. */
  static String alreadyRunning(StackSettings settings, StackFiles files) {
    String pid = launcher(files).map(h -> " (launcher pid " + h.pid() + ")").orElse("");
    return "Chat is already running"
        + pid
        + " at http://localhost:"
        + settings.ports().gateway()
        + " with data dir "
        + files.dataDir()
        + ".\nStop it with `deploy/chat down`, or see `deploy/chat status`.";
  }

  private static Optional<ProcessHandle> launcher(StackFiles files) {
    try {
      long pid = Long.parseLong(Files.readString(files.launcherPid()).trim());
      return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(RemoteControl::isLauncher);
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Guards against a stale pid file whose pid now belongs to another program. */
  private static boolean isLauncher(ProcessHandle handle) {
    return handle
        .info()
        .commandLine()
        .map(line -> line.contains(Main.class.getName()))
        .orElse(true);
  }

  private static int call(StackFiles files, String method, String path, Duration timeout) {
    try {
      int port = Integer.parseInt(Files.readString(files.controlPort()).trim());
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
              .method(method, HttpRequest.BodyPublishers.noBody())
              .timeout(timeout)
              .build();
      HttpResponse<String> response =
          HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
      (response.statusCode() == 200 ? System.out : System.err).print(response.body());
      return response.statusCode() == 200 ? 0 : 1;
    } catch (IOException | NumberFormatException e) {
      System.err.println("Cannot reach the launcher's control port: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }
}
