package chat.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/** The repository as the deployment files see it: the services, their ports and variables. */
final class Repo {

  /** The four deployable services, each a Maven module of the same name. */
  static final List<String> SERVICES =
      List.of("gateway-service", "messaging-service", "presence-service", "logging-service");

  /** Variables that Spring Boot or the JVM read themselves, valid for every service. */
  static final Set<String> PLATFORM_VARIABLES =
      Set.of("SPRING_PROFILES_ACTIVE", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");

  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");
  private static final Pattern GETENV = Pattern.compile("getenv\\(\\s*\"([A-Z][A-Z0-9_]*)\"");

  static final Path ROOT = findRoot();

  private Repo() {}

  private static Path findRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("docker-compose.yml"))) {
      dir = dir.getParent();
    }
    assertThat(dir)
        .as("repository root (with docker-compose.yml) above the working dir")
        .isNotNull();
    return dir;
  }

  static Path path(String relative) {
    return ROOT.resolve(relative);
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What the code of one service says about how it is deployed. */
  record ServiceCode(
      String name, int port, Map<String, String> variableDefaults, Duration shutdownPhase) {

    /** Every environment variable the service reads (its own and the platform's). */
    Set<String> knownVariables() {
      Set<String> known = new TreeSet<>(variableDefaults.keySet());
      known.addAll(PLATFORM_VARIABLES);
      return known;
    }

    /** Variables whose default is a loopback address: a container must always set them. */
    Set<String> loopbackVariables() {
      Set<String> loopback = new TreeSet<>();
      variableDefaults.forEach(
          (name, value) -> {
            if (value != null && (value.contains("127.0.0.1") || value.contains("localhost"))) {
              loopback.add(name);
            }
          });
      return loopback;
    }
  }

  /** Reads application*.yml and the Java sources of a service module. */
  static ServiceCode service(String name) {
    Path main = path(name).resolve("src/main");
    Map<String, String> defaults = new java.util.TreeMap<>();
    Integer port = null;
    Duration shutdown = null;
    for (Path yml : files(main.resolve("resources"), ".yml")) {
      String text = read(yml);
      Matcher m = PLACEHOLDER.matcher(text);
      while (m.find()) {
        defaults.putIfAbsent(m.group(1), m.group(2));
      }
      for (Object doc : new Yaml().loadAll(text)) {
        if (doc instanceof Map<?, ?> map) {
          Object p = dig(map, "server", "port");
          if (p != null && port == null) {
            Matcher pm = PLACEHOLDER.matcher(p.toString());
            port = Integer.parseInt(pm.matches() ? pm.group(2) : p.toString());
          }
          Object t = dig(map, "spring", "lifecycle", "timeout-per-shutdown-phase");
          if (t != null && shutdown == null) {
            shutdown = Duration.parse("PT" + t.toString().toUpperCase());
          }
        }
      }
    }
    for (Path java : files(main.resolve("java"), ".java")) {
      String text = read(java);
      for (Pattern p : List.of(GETENV, PLACEHOLDER)) {
        Matcher m = p.matcher(text);
        while (m.find()) {
          defaults.putIfAbsent(m.group(1), m.groupCount() > 1 ? m.group(2) : null);
        }
      }
    }
    assertThat(port).as("%s: server.port in application.yml", name).isNotNull();
    return new ServiceCode(
        name, port, defaults, shutdown == null ? Duration.ofSeconds(30) : shutdown);
  }

  private static Object dig(Map<?, ?> map, String... keys) {
    Object current = map;
    for (String key : keys) {
      if (!(current instanceof Map<?, ?> m)) {
        return null;
      }
      current = m.get(key);
    }
    return current;
  }

  static List<Path> files(Path dir, String suffix) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The Kafka topic names declared in chat.events.Topics. */
  static Set<String> kafkaTopics() {
    String text = read(path("common-events/src/main/java/chat/events/Topics.java"));
    Matcher m = Pattern.compile("static final String \\w+ = \"([^\"]+)\"").matcher(text);
    Set<String> topics = new TreeSet<>();
    while (m.find()) {
      topics.add(m.group(1));
    }
    return topics;
  }
}
