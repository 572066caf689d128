package chat.messaging.socketio.codec;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Engine.IO frames the server writes. */
public final class EngineIoFrames {

  private static final byte[] PING = {'2'};

  private EngineIoFrames() {}

  /**
   * {@code 0{"sid":..,"upgrades":[],"pingInterval":..,"pingTimeout":..,"maxPayload":..}}: the
   * handshake, first frame of every connection. No upgrades: the connection is a WebSocket already.
   */
  public static byte[] open(
      String sid, Duration pingInterval, Duration pingTimeout, long maxPayloadBytes) {
    Map<String, Object> open = new LinkedHashMap<>();
    open.put("sid", sid);
    open.put("upgrades", List.of());
    open.put("pingInterval", pingInterval.toMillis());
    open.put("pingTimeout", pingTimeout.toMillis());
    open.put("maxPayload", maxPayloadBytes);
    byte[] json = SocketIoCodec.json().writeValueAsBytes(open);
    byte[] frame = new byte[json.length + 1];
    frame[0] = '0';
    System.arraycopy(json, 0, frame, 1, json.length);
    return frame;
  }

  /** {@code 2}: a server-initiated heartbeat (Engine.IO v4); the client answers {@code 3}. */
  public static byte[] ping() {
    return PING.clone();
  }

  /** {@code 3<data>}: the answer to a client ping (probe pings only; v4 clients do not ping). */
  public static byte[] pong(String data) {
    return ("3" + data).getBytes(StandardCharsets.UTF_8);
  }
}
