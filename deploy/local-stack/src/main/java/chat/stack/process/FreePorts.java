package chat.stack.process;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for test infrastructure. Picked at random below the kernel's ephemeral range (32768+), so
 * that a port freed by a chaos test's {@code stop()} is not handed to some outgoing connection
 * before {@code start()} binds it again, and far from the local stack's fixed ports.
 */
public final class FreePorts {

  private static final int LOWEST = 20_000;
  private static final int HIGHEST = 32_000;

  /**
   * Every port this JVM has handed out. Servers are started concurrently and bind some time after
   * the pick, so "free right now" alone once gave Redis and Elasticsearch the same port.
   */
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  private FreePorts() {}

  /** A port on 127.0.0.1 that nothing listens on right now and no earlier pick returned. */
  public static int pick() {
    for (int attempt = 0; attempt < 500; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST);
      if (HANDED_OUT.add(port) && isFree(port)) {
        return port;
      }
    }
    throw new IllegalStateException("No free port found in " + LOWEST + ".." + HIGHEST);
  }

  /**
   * Whether a server could bind {@code port} on the loopback interface now. With SO_REUSEADDR, as
   * servers bind: connections of a stopped server in TIME_WAIT do not count as "in use".
   */
  public static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
