package chat.stack.launcher;

import chat.stack.process.FreePorts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Refuses to start when a port the stack needs is taken, naming the port and its user. */
final class PortCheck {

  private PortCheck() {}

  /** {@code needed}: port to what needs it. Throws one message listing every taken port. */
  static void requireFree(Map<Integer, String> needed) {
    List<String> taken = new ArrayList<>();
    needed.forEach(
        (port, purpose) -> {
          if (!FreePorts.isFree(port)) {
            taken.add("  port " + port + " (needed by " + purpose + ") is in use" + owner(port));
          }
        });
    if (!taken.isEmpty()) {
      throw new IllegalStateException(
          "Cannot start: \n"
              + String.join("\n", taken)
              + "\nStop what uses it (another `deploy/chat up`? see `deploy/chat status`, or"
              + " `ss -ltnp`), or point the matching variable (REDIS_HOST, MONGODB_URI,"
              + " KAFKA_BROKER, ELASTICSEARCH_NODE) at an external server.");
    }
  }

  static Map<Integer, String> of(List<Component> components, Ports ports) {
    Map<Integer, String> needed = new LinkedHashMap<>();
    for (Component component : components) {
      needed.put(component.port(), component.name());
      if (component.name().equals("kafka")) {
        needed.put(ports.kafkaController(), "kafka (controller)");
      }
      if (component.name().equals("elasticsearch")) {
        needed.put(ports.elasticsearchTransport(), "elasticsearch (transport)");
      }
    }
    return needed;
  }

  /** ", by java (pid 123)" from {@code ss}, when it is installed and allowed to tell. */
  private static String owner(int port) {
    try {
      Process ss = new ProcessBuilder("ss", "-Hltnp", "sport = :" + port).start();
      if (!ss.waitFor(3, TimeUnit.SECONDS)) {
        ss.destroyForcibly();
        return "";
      }
      String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      var matcher = java.util.regex.Pattern.compile("\\(\"([^\"]+)\",pid=(\\d+)").matcher(out);
      return matcher.find() ? " by " + matcher.group(1) + " (pid " + matcher.group(2) + ")" : "";
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }
}
