package chat.stack.elasticsearch;

import chat.stack.process.ProjectRoot;
import chat.stack.process.TempFolders;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The Elasticsearch server, unpacked once per machine under {@code /tmp} (every parent folder must
 * be traversable by the unprivileged user that runs it; {@code ~} and the repository may not be).
 * The zip comes from Maven Central without a published checksum, so its sha256 is pinned here and
 * checked before anything is unpacked.
 */
final class ElasticsearchDistribution {

  static final String VERSION = "9.2.8";
  static final String SHA256 = "db508f13489de1f46f1af9b487e1589071f34f5eb03a996b851a8bd67880f09b";
  private static final String ZIP = "deploy/elasticsearch-runtime/target/elasticsearch-%s.zip";

  private ElasticsearchDistribution() {}

  /** The unpacked home ({@code bin/elasticsearch} inside), unpacking it on first use. */
  static synchronized Path home() {
    Path home = Path.of("/tmp", "chat-elasticsearch-" + VERSION + "-" + SHA256.substring(0, 12));
    if (Files.isRegularFile(home.resolve(".complete"))) {
      return home.resolve("elasticsearch-" + VERSION);
    }
    Path zip = ProjectRoot.find().resolve(ZIP.formatted(VERSION));
    if (!Files.isRegularFile(zip)) {
      throw new IllegalStateException(
          "The Elasticsearch distribution is missing at "
              + zip
              + ": run `mvn -pl deploy/elasticsearch-runtime package` first.");
    }
    verify(zip);
    unpack(zip, home);
    return home.resolve("elasticsearch-" + VERSION);
  }

  private static void verify(Path zip) {
    try (InputStream in =
        new DigestInputStream(Files.newInputStream(zip), MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      String actual =
          HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
      if (!SHA256.equals(actual)) {
        throw new IllegalStateException(
            zip + " has sha256 " + actual + ", expected " + SHA256 + ": delete it and rebuild.");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Unpacks into a private sibling, then renames it into place: safe for concurrent JVMs. */
  private static void unpack(Path zip, Path home) {
    try {
      Path staging = Files.createTempDirectory(Path.of("/tmp"), "chat-elasticsearch-unpack-");
      try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
        for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
          Path target = staging.resolve(entry.getName()).normalize();
          if (!target.startsWith(staging)) {
            throw new IllegalStateException("Unsafe entry in " + zip + ": " + entry.getName());
          }
          if (entry.isDirectory()) {
            Files.createDirectories(target);
          } else {
            Files.createDirectories(target.getParent());
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            boolean executable = target.getParent().getFileName().toString().equals("bin");
            Files.setPosixFilePermissions(
                target, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
          }
        }
      }
      try (var dirs = Files.walk(staging)) {
        for (Path dir : dirs.filter(Files::isDirectory).toList()) {
          Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
      }
      Files.createFile(staging.resolve(".complete"));
      if (Files.exists(home) && !Files.isRegularFile(home.resolve(".complete"))) {
        TempFolders.delete(home); // left by a crash mid-unpack of an older version of this code
      }
      try {
        Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
        TempFolders.delete(staging); // another JVM was faster
      } catch (IOException e) {
        if (!Files.isRegularFile(home.resolve(".complete"))) {
          throw e;
        }
        TempFolders.delete(staging);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot unpack " + zip, e);
    }
  }
}
