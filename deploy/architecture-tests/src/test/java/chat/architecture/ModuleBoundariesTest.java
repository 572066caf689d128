package chat.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reads the compiled classes of every module (main and test) and checks the boundaries of the
 * design: services talk only through Kafka and Redis, so no service's code may reference another's,
 * and the shared types stay free of Spring.
 */
class ModuleBoundariesTest {

  private static final List<String> MODULES =
      List.of(
          "common-events",
          "gateway-service",
          "messaging-service",
          "presence-service",
          "logging-service");

  private static JavaClasses classes;

  @BeforeAll
  static void importCompiledModules() {
    Path root = Path.of("").toAbsolutePath().getParent().getParent();
    List<Path> dirs =
        MODULES.stream()
            .flatMap(
                module ->
                    List.of("classes", "test-classes").stream()
                        .map(dir -> root.resolve(module).resolve("target").resolve(dir)))
            .filter(Files::isDirectory)
            .toList();
    for (String module : MODULES) {
      assertThat(root.resolve(module).resolve("target/classes"))
          .as("compiled classes of %s (build the whole reactor)", module)
          .isDirectory();
    }
    classes = new ClassFileImporter().importPaths(dirs);
  }

  @Test
  void servicesDoNotDependOnEachOther() {
    slices()
        .matching("chat.(gateway|messaging|presence|logging)..")
        .should()
        .notDependOnEachOther()
        .check(classes);
  }

  @Test
  void commonEventsDoesNotDependOnSpringOrOnAnyService() {
    noClasses()
        .that()
        .resideInAPackage("chat.events..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..",
            "chat.gateway..",
            "chat.messaging..",
            "chat.presence..",
            "chat.logging..")
        .check(classes);
  }
}
