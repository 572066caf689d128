package chat.stack.elasticsearch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Finds a JDK recent enough for Elasticsearch 9 (21+), beside the build's Java 17. */
final class JavaHomes {

  static final int MINIMUM = 21;
  private static final Pattern VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)");

  private JavaHomes() {}

  /** {@code ES_JAVA_HOME} if set, else the newest JDK 21+ under {@code /usr/lib/jvm}. */
  static Path forElasticsearch() {
    String configured = System.getenv("ES_JAVA_HOME");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    return candidates().stream()
        .filter(home -> major(home).orElse(0) >= MINIMUM)
        .max(Comparator.comparing(home -> major(home).orElse(0)))
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "Elasticsearch 9 needs a JDK "
                        + MINIMUM
                        + "+ (none found under /usr/lib/jvm): install one, e.g. Temurin 25,"
                        + " or set ES_JAVA_HOME."));
  }

  private static List<Path> candidates() {
    try (Stream<Path> homes = Files.list(Path.of("/usr/lib/jvm"))) {
      return homes.filter(home -> Files.isExecutable(home.resolve("bin/java"))).toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static Optional<Integer> major(Path home) {
    try {
      Matcher matcher = VERSION.matcher(Files.readString(home.resolve("release")));
      return matcher.find() ? Optional.of(Integer.parseInt(matcher.group(1))) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
