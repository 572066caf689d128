package chat.stack.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class FreePortsTest {

  @Test
  void concurrentPicksNeverReturnTheSamePort() {
    // Nothing binds these: "free right now" would let two picks agree; 4 x 500 picks from a
    // range of 12,000 would almost surely repeat one without the record of handed-out ports.
    Set<Integer> picked = ConcurrentHashMap.newKeySet();
    List<CompletableFuture<Void>> pickers = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      pickers.add(
          CompletableFuture.runAsync(
              () -> {
                for (int i = 0; i < 500; i++) {
                  assertThat(picked.add(FreePorts.pick())).isTrue();
                }
              }));
    }
    pickers.forEach(CompletableFuture::join);

    assertThat(picked).hasSize(2000);
  }

  @Test
  void aPortInUseIsNotFree() throws Exception {
    try (ServerSocket server = new ServerSocket()) {
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));

      assertThat(FreePorts.isFree(server.getLocalPort())).isFalse();
    }
  }
}
