package chat.stack.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtSecretTest {

  @TempDir Path dataDir;

  @Test
  void generatesAPrivateSecretOnceAndKeepsIt() throws Exception {
    StackSettings settings = StackSettings.from(Path.of("/repo"), Map.of());
    Path file = dataDir.resolve("jwt-secret");

    String first = JwtSecret.resolve(settings, file);

    assertThat(first.getBytes()).hasSizeGreaterThanOrEqualTo(32);
    assertThat(JwtSecret.resolve(settings, file)).isEqualTo(first);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void prefersJwtSecretFromTheEnvironment() {
    StackSettings settings =
        StackSettings.from(Path.of("/repo"), Map.of("JWT_SECRET", "from-the-environment"));

    assertThat(JwtSecret.resolve(settings, dataDir.resolve("jwt-secret")))
        .isEqualTo("from-the-environment");
    assertThat(dataDir.resolve("jwt-secret")).doesNotExist();
  }
}
