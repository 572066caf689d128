package chat.stack.redis;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Readiness probe speaking just enough RESP: {@code PING} answered by {@code +PONG}. */
public final class RespPing {

  private RespPing() {}

  /** Whether Redis at {@code host:port} answers PING (not while it still loads its data). */
  public static boolean pong(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 500);
      socket.setSoTimeout(1000);
      socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      byte[] reply = in.readNBytes(5);
      return "+PONG".equals(new String(reply, StandardCharsets.US_ASCII));
    } catch (IOException e) {
      return false;
    }
  }
}
