package chat.stack.elasticsearch;

import chat.stack.process.Commands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.stream.Stream;

/** Lays out a node's folder: writable config copy, data, logs, tmp, owned by the node's user. */
final class EsFolder {

  private EsFolder() {}

  static void prepare(Path home, Path folder, EsSettings settings) {
    try {
      Path config = folder.resolve("config");
      if (!Files.isDirectory(config)) {
        copyConfig(home.resolve("config"), config);
      }
      Files.writeString(config.resolve("elasticsearch.yml"), settings.elasticsearchYml(folder));
      Files.createDirectories(config.resolve("jvm.options.d"));
      Files.writeString(config.resolve("jvm.options.d/heap.options"), "-Xms512m\n-Xmx512m\n");
      for (String sub : new String[] {"data", "logs", "tmp"}) {
        Files.createDirectories(folder.resolve(sub));
      }
      if (Commands.runningAsRoot()) {
        requireTraversable(folder);
        chownToNobody(folder);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare Elasticsearch folder " + folder, e);
    }
  }

  private static void copyConfig(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  /** Elasticsearch runs as {@code nobody}: every parent must be searchable by others. */
  private static void requireTraversable(Path folder) throws IOException {
    for (Path dir = folder.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
      if (!Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_EXECUTE)) {
        throw new IllegalStateException(
            "Elasticsearch runs as user nobody (it refuses root), which cannot enter "
                + dir
                + " (mode "
                + java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(dir))
                + "). Use a data directory under a world-traversable path such as /tmp.");
      }
    }
  }

  private static void chownToNobody(Path folder) throws IOException {
    UserPrincipalLookupService lookup = FileSystems.getDefault().getUserPrincipalLookupService();
    UserPrincipal nobody = lookup.lookupPrincipalByName("nobody");
    GroupPrincipal nogroup = lookup.lookupPrincipalByGroupName("nogroup");
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.toList()) {
        PosixFileAttributeView view =
            Files.getFileAttributeView(
                path, PosixFileAttributeView.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        view.setOwner(nobody);
        view.setGroup(nogroup);
      }
    }
  }
}
