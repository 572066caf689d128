package chat.stack.launcher;

import java.util.stream.Collectors;

/** The text of {@code deploy/chat status}: one line per component. */
final class StatusReport {

  private StatusReport() {}

  static String of(LocalStack stack) {
    StringBuilder text = new StringBuilder();
    text.append(
        String.format("%-22s %-6s %-8s %-8s %s%n", "COMPONENT", "PORT", "STATE", "PID", "LOG"));
    for (Component component : stack.components()) {
      long pid = component.process().pid();
      text.append(
          String.format(
              "%-22s %-6d %-8s %-8s %s%n",
              component.name(),
              component.port(),
              component.process().isRunning() ? "running" : "stopped",
              pid < 0 ? "-" : Long.toString(pid),
              component.logFile()));
    }
    return text.toString();
  }

  static String names(LocalStack stack) {
    return "Components: "
        + stack.components().stream().map(Component::name).collect(Collectors.joining(", "));
  }
}
