package chat.stack.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import chat.stack.process.Commands;
import chat.stack.process.TempFolders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EsPlacementTest {

  @TempDir Path parent;

  @Test
  void keepsElasticsearchInTheDataDirWhenOthersCanEnterIt() throws Exception {
    Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
    StackFiles files = new StackFiles(parent.resolve("data"));

    assertThat(EsPlacement.folder(files)).isEqualTo(files.elasticsearch()).isDirectory();
  }

  @Test
  void movesElasticsearchOutOfAPrivateDataDirBehindASymlink() throws Exception {
    assumeTrue(Commands.runningAsRoot(), "only root has to run Elasticsearch as another user");
    Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwx------"));
    StackFiles files = new StackFiles(parent.resolve("data"));
    Files.createDirectories(files.dataDir());

    Path folder = EsPlacement.folder(files);
    try {
      assertThat(folder).startsWith(Path.of("/var/tmp")).isDirectory();
      assertThat(Files.readSymbolicLink(files.elasticsearch())).isEqualTo(folder);
      assertThat(EsPlacement.folder(files)).isEqualTo(folder);
    } finally {
      TempFolders.delete(folder);
    }
  }
}
