package chat.stack.launcher;

import chat.stack.process.ProjectRoot;
import java.util.Arrays;
import java.util.List;

/**
 * The local stack's command line, behind {@code deploy/chat} (which installs packages and builds
 * first):
 *
 * <pre>
 *   up [--detach]     start everything, wait until ready; foreground until Ctrl-C
 *   down              stop the running stack
 *   status            what runs, with pids and logs
 *   restart NAME      restart one component while the rest keeps running
 * </pre>
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    List<String> arguments = Arrays.asList(args);
    StackSettings settings;
    try {
      settings = StackSettings.from(ProjectRoot.find(), System.getenv());
    } catch (RuntimeException e) {
      System.err.println("chat: " + e.getMessage());
      System.exit(2);
      return;
    }
    String command = arguments.isEmpty() ? "" : arguments.get(0);
    int status =
        switch (command) {
          case "up" ->
              arguments.contains("--detach") || arguments.contains("-d")
                  ? Detach.run(settings)
                  : new Supervisor(settings).run();
          case "down" -> RemoteControl.down(settings);
          case "status" -> RemoteControl.status(settings);
          case "restart" ->
              arguments.size() == 2 ? RemoteControl.restart(settings, arguments.get(1)) : usage();
          default -> usage();
        };
    System.exit(status);
  }

  private static int usage() {
    System.err.println(
        """
        usage: deploy/chat up [--detach] | down | status | restart COMPONENT | test
          components: redis mongodb kafka elasticsearch gateway-service messaging-service
                      [messaging-service-2] presence-service logging-service""");
    return 2;
  }
}
