package chat.stack.launcher;

import chat.stack.process.Commands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where Elasticsearch keeps its data. As root it runs as {@code nobody}, which must traverse every
 * parent folder: the data dir itself when that holds (e.g. a clone under /tmp or /srv), else a
 * folder under {@code /var/tmp} (kept across reboots) named after the data dir, reachable from the
 * data dir through the symlink {@code elasticsearch}.
 */
final class EsPlacement {

  private EsPlacement() {}

  static Path folder(StackFiles files) {
    Path link = files.elasticsearch();
    try {
      if (Files.isSymbolicLink(link)) {
        return Files.readSymbolicLink(link);
      }
      if (Files.isDirectory(link) || !Commands.runningAsRoot() || traversable(files.dataDir())) {
        Files.createDirectories(link);
        return link;
      }
      Path outside = Path.of("/var/tmp", "chat-elasticsearch-" + digest(files.dataDir()));
      Files.createDirectories(outside);
      Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("rwxr-xr-x"));
      Files.createSymbolicLink(link, outside);
      return outside;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot place Elasticsearch's data", e);
    }
  }

  /** Whether {@code nobody} can enter {@code dir} (and so a folder we create below it). */
  private static boolean traversable(Path dir) throws IOException {
    for (Path d = dir.toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.exists(d)
          && !Files.getPosixFilePermissions(d).contains(PosixFilePermission.OTHERS_EXECUTE)) {
        return false;
      }
    }
    return true;
  }

  private static String digest(Path dataDir) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(dataDir.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
