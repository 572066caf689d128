package chat.messaging.socketio.codec;

import chat.messaging.socketio.codec.SocketIoPacket.Type;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * Reads Socket.IO packets from Engine.IO message data and writes the frames the server sends. Every
 * outbound method returns a complete WebSocket text frame (Engine.IO message prefix included) as
 * UTF-8 bytes, so a frame encoded once can be sent to many sockets.
 *
 * <p>JSON goes through one Jackson 3 mapper with default settings (java.time as ISO-8601 strings).
 */
public final class SocketIoCodec {

  /** Longest namespace accepted in a packet header. */
  static final int MAX_NAMESPACE_LENGTH = 256;

  /** Ack ids are JavaScript numbers: at most 15 digits keeps them exact. */
  static final int MAX_ACK_ID_DIGITS = 15;

  /** Most binary attachments a packet may announce (binary packets are refused anyway). */
  static final int MAX_ATTACHMENTS = 16;

  private static final JsonMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  private SocketIoCodec() {}

  /**
   * Decodes the data of an Engine.IO message.
   *
   * @throws PacketException {@link ProtocolError#NOT_SOCKET_IO} (fatal) when it does not start with
   *     a packet type; otherwise a non-fatal error that keeps the ack id when one could be read
   */
  public static SocketIoPacket decode(String data) {
    int digit = data.isEmpty() ? -1 : data.charAt(0) - '0';
    if (digit < 0 || digit >= Type.VALUES.length) {
      throw new PacketException(ProtocolError.NOT_SOCKET_IO, "unknown Socket.IO packet type");
    }
    Type type = Type.VALUES[digit];
    int i = 1;
    int attachments = 0;
    if (type.isBinary()) {
      int dash = data.indexOf('-', i);
      attachments = dash < 0 ? -1 : parseSmallInt(data, i, dash);
      if (attachments < 0 || attachments > MAX_ATTACHMENTS) {
        throw new PacketException(ProtocolError.BAD_HEADER, "bad attachment count");
      }
      i = dash + 1;
    }
    String namespace = SocketIoPacket.DEFAULT_NAMESPACE;
    if (i < data.length() && data.charAt(i) == '/') {
      int comma = data.indexOf(',', i);
      int end = comma < 0 ? data.length() : comma;
      if (end - i > MAX_NAMESPACE_LENGTH) {
        throw new PacketException(
            ProtocolError.BAD_HEADER, "namespace too long", null, attachments);
      }
      namespace = data.substring(i, end);
      i = comma < 0 ? end : end + 1;
    }
    int digitsStart = i;
    while (i < data.length() && data.charAt(i) >= '0' && data.charAt(i) <= '9') {
      i++;
    }
    Long ackId = null;
    if (i > digitsStart) {
      if (i - digitsStart > MAX_ACK_ID_DIGITS) {
        throw new PacketException(ProtocolError.BAD_HEADER, "ack id too long", null, attachments);
      }
      ackId = Long.parseLong(data, digitsStart, i, 10);
    }
    JsonNode json = MissingNode.getInstance();
    if (i < data.length()) {
      try {
        json = JSON.readTree(data.substring(i));
      } catch (JacksonException e) {
        throw new PacketException(
            ProtocolError.BAD_JSON, "payload is not JSON", ackId, attachments);
      }
    }
    SocketIoPacket packet = new SocketIoPacket(type, namespace, ackId, json, attachments);
    String shapeError = shapeError(packet);
    if (shapeError != null) {
      throw new PacketException(ProtocolError.BAD_PAYLOAD, shapeError, ackId, attachments);
    }
    return packet;
  }

  private static String shapeError(SocketIoPacket packet) {
    JsonNode data = packet.data();
    return switch (packet.type()) {
      case CONNECT ->
          data.isMissingNode() || data.isObject() ? null : "CONNECT data must be an object";
      case EVENT, BINARY_EVENT ->
          data.isArray() && !data.isEmpty() && data.get(0).isString()
              ? null
              : "EVENT data must be an array that starts with the event name";
      case ACK, BINARY_ACK -> data.isArray() ? null : "ACK data must be an array";
      case DISCONNECT, CONNECT_ERROR -> null;
    };
  }

  private static int parseSmallInt(String s, int from, int to) {
    if (to <= from || to - from > 3) {
      return -1;
    }
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /** {@code 40{"sid":...}}: the namespace CONNECT succeeded. */
  public static byte[] connected(String sid) {
    return frame("40", Map.of("sid", sid));
  }

  /** {@code 44[<namespace>,]{"message":...}}: the namespace CONNECT was refused. */
  public static byte[] connectError(String namespace, String message) {
    String prefix =
        SocketIoPacket.DEFAULT_NAMESPACE.equals(namespace) ? "44" : "44" + namespace + ",";
    return frame(prefix, Map.of("message", message));
  }

  /** {@code 41}: the server disconnects the default namespace socket. */
  public static byte[] disconnect() {
    return "41".getBytes(StandardCharsets.US_ASCII);
  }

  /** {@code 42["event",payload]}. */
  public static byte[] event(String event, Object payload) {
    return frame("42", new Object[] {event, payload});
  }

  /** {@code 43<id>[payload]}, or {@code 43<id>[]} when {@code payload} is {@code null}. */
  public static byte[] ack(long ackId, Object payload) {
    return frame("43" + ackId, payload == null ? new Object[0] : new Object[] {payload});
  }

  /** Serializes {@code value} behind an ASCII {@code prefix}. */
  private static byte[] frame(String prefix, Object value) {
    byte[] json = JSON.writeValueAsBytes(value);
    byte[] frame = new byte[prefix.length() + json.length];
    for (int i = 0; i < prefix.length(); i++) {
      frame[i] = (byte) prefix.charAt(i);
    }
    System.arraycopy(json, 0, frame, prefix.length(), json.length);
    return frame;
  }

  /** The JSON mapper used for every payload, for callers that build JSON nodes. */
  public static JsonMapper json() {
    return JSON;
  }
}
