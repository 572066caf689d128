package chat.stack.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code deploy/chat up}: holds the data dir's lock, checks the ports, starts the stack, then stays
 * in the foreground until Ctrl-C or {@code deploy/chat down} (SIGTERM), and stops everything it
 * started.
 */
final class Supervisor {

  static final String RUNNING_BANNER = "Chat is running at http://localhost:";

  private final StackSettings settings;
  private final StackFiles files;
  private final Progress progress = new Progress();
  private final AtomicBoolean stopped = new AtomicBoolean();

  Supervisor(StackSettings settings) {
    this.settings = settings;
    this.files = new StackFiles(settings.dataDir());
  }

  int run() {
    try {
      Files.createDirectories(files.run());
      Files.createDirectories(files.logs());
      try (FileChannel channel =
              FileChannel.open(files.lock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = channel.tryLock()) {
        if (lock == null) {
          System.err.println(RemoteControl.alreadyRunning(settings, files));
          return 3;
        }
        return runLocked();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private int runLocked() throws IOException {
    List<Component> components =
        StackPlan.components(settings, files, JwtSecret.resolve(settings, files.jwtSecret()));
    try {
      PortCheck.requireFree(PortCheck.of(components, settings.ports()));
    } catch (IllegalStateException e) {
      System.err.println("chat: " + e.getMessage());
      return 4;
    }
    LocalStack stack = new LocalStack(components, progress);
    ControlServer control = new ControlServer(stack);
    Files.writeString(files.launcherPid(), Long.toString(ProcessHandle.current().pid()));
    Files.writeString(files.controlPort(), Integer.toString(control.port()));
    CountDownLatch finished = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> stop(stack, control, finished), "stack-shutdown"));
    progress.say("chat: data in " + settings.dataDir() + ", logs in " + files.logs());
    try {
      stack.startAll();
    } catch (RuntimeException e) {
      System.err.println("\nchat: " + e.getMessage());
      System.err.println("chat: stopping what was started.");
      return 1; // the shutdown hook stops everything
    }
    progress.say("all " + components.size() + " components ready");
    System.out.println("  stop:    Ctrl-C here, or deploy/chat down");
    System.out.println("  restart: deploy/chat restart messaging-service   (or any component)");
    System.out.println(
        RUNNING_BANNER + settings.ports().gateway() + "  (ready in " + progress.elapsed() + ")");
    System.out.flush();
    try {
      finished.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  private void stop(LocalStack stack, ControlServer control, CountDownLatch finished) {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    progress.say("stopping the local stack");
    control.close();
    stack.stopAll();
    try {
      Files.deleteIfExists(files.controlPort());
      Files.deleteIfExists(files.launcherPid());
    } catch (IOException e) {
      // stale files are recognised as such by the next run
    }
    progress.say("chat stopped");
    finished.countDown();
  }
}
