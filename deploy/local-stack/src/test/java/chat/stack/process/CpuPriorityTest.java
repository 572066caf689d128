package chat.stack.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuPriorityTest {

  @Test
  void everyThreadOfTheProcessGetsTheNiceValue(@TempDir Path folder) throws Exception {
    Process jvm = idleJvm(folder);
    try {
      assertThat(CpuPriority.threads(jvm.pid())).hasSizeGreaterThan(5);

      CpuPriority.lower(jvm.pid(), 7);

      assertThat(CpuPriority.threads(jvm.pid()))
          .allSatisfy(tid -> assertThat(CpuPriority.niceness(Long.parseLong(tid))).isEqualTo(7));
    } finally {
      jvm.destroyForcibly();
    }
  }

  @Test
  void everyThreadOfTheProcessGetsTheIdlePolicy(@TempDir Path folder) throws Exception {
    Process jvm = idleJvm(folder);
    try {
      assertThat(CpuPriority.policy(jvm.pid())).isNotEqualTo(CpuPriority.SCHED_IDLE);

      CpuPriority.idle(jvm.pid());

      assertThat(CpuPriority.threads(jvm.pid()))
          .hasSizeGreaterThan(5)
          .allSatisfy(
              tid ->
                  assertThat(CpuPriority.policy(Long.parseLong(tid)))
                      .isEqualTo(CpuPriority.SCHED_IDLE));
    } finally {
      jvm.destroyForcibly();
    }
  }

  @Test
  void refusesValuesThatWouldNotLowerThePriority() {
    long self = ProcessHandle.current().pid();
    assertThatThrownBy(() -> CpuPriority.lower(self, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CpuPriority.lower(self, 20))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** A JVM: a dozen threads (GC, compilers, ...), so changing the main thread alone would fail. */
  private static Process idleJvm(Path folder) throws Exception {
    Path source = folder.resolve("Idle.java");
    Files.writeString(
        source,
        "class Idle { public static void main(String[] a) throws Exception {"
            + " System.out.println(\"up\"); Thread.sleep(60_000); } }");
    Process jvm =
        new ProcessBuilder(Commands.currentJava(), "-Xmx32m", source.toString())
            .redirectErrorStream(true)
            .start();
    assertThat(jvm.inputReader().readLine()).isEqualTo("up");
    return jvm;
  }
}
