package chat.stack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/** Folders under {@code /tmp} for test infrastructure, readable by other users (Elasticsearch). */
public final class TempFolders {

  private TempFolders() {}

  /** A new folder with mode 755 (createTempDirectory alone gives 700). */
  public static Path create(String prefix) {
    try {
      Path folder = Files.createTempDirectory(prefix);
      Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
      return folder;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes {@code folder} and everything below it; best effort. */
  public static void delete(Path folder) {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(Comparator.reverseOrder()).forEach(TempFolders::deleteQuietly);
    } catch (IOException e) {
      // leftovers in /tmp are cleaned by the system
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // see delete()
    }
  }
}
