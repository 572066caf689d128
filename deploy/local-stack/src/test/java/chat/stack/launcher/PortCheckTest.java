package chat.stack.launcher;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PortCheckTest {

  @Test
  void namesTheTakenPortAndWhatNeedsIt() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();

      assertThatThrownBy(() -> PortCheck.requireFree(Map.of(port, "gateway-service")))
          .hasMessageContaining("port " + port + " (needed by gateway-service) is in use");
    }
  }
}
