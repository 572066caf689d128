package chat.stack.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Runs services from a copy of their jar: a `mvn package` while the stack runs rewrites
 * target/*.jar, and a JVM whose jar changes under it fails with NoClassDefFoundError. The copy is
 * replaced by rename (the running JVM keeps the old file) and refreshed at each (re)start, so
 * {@code deploy/chat restart <service>} picks up a rebuilt jar.
 */
final class JarStaging {

  private JarStaging() {}

  static Path stage(Path jar, Path folder) {
    try {
      Files.createDirectories(folder);
      Path staged = folder.resolve(jar.getFileName());
      if (Files.exists(staged)
          && Files.size(staged) == Files.size(jar)
          && Files.getLastModifiedTime(staged).equals(Files.getLastModifiedTime(jar))) {
        return staged;
      }
      Path partial = Files.createTempFile(folder, jar.getFileName().toString(), ".partial");
      Files.copy(jar, partial, StandardCopyOption.REPLACE_EXISTING);
      Files.setLastModifiedTime(partial, Files.getLastModifiedTime(jar));
      Files.move(
          partial, staged, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return staged;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot copy " + jar + " to " + folder, e);
    }
  }
}
