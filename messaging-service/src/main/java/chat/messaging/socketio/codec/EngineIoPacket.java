package chat.messaging.socketio.codec;

/**
 * One Engine.IO v4 packet: over the WebSocket transport, exactly one per text frame, written as the
 * type digit followed by the data ({@code 2} is a ping, {@code 4...} a message carrying a Socket.IO
 * packet).
 *
 * @param type the packet type
 * @param data everything after the type digit, possibly empty
 */
public record EngineIoPacket(Type type, String data) {

  /** Engine.IO packet types, in protocol order: the ordinal is the wire digit. */
  public enum Type {
    OPEN,
    CLOSE,
    PING,
    PONG,
    MESSAGE,
    UPGRADE,
    NOOP;

    private static final Type[] VALUES = values();

    /** The wire digit. */
    public char code() {
      return (char) ('0' + ordinal());
    }
  }

  /**
   * Decodes one text frame.
   *
   * @throws PacketException {@link ProtocolError#EMPTY_FRAME} or {@link
   *     ProtocolError#NOT_ENGINE_IO}
   */
  public static EngineIoPacket decode(String frame) {
    if (frame.isEmpty()) {
      throw new PacketException(ProtocolError.EMPTY_FRAME, "empty frame");
    }
    int digit = frame.charAt(0) - '0';
    if (digit < 0 || digit >= Type.VALUES.length) {
      throw new PacketException(ProtocolError.NOT_ENGINE_IO, "unknown Engine.IO packet type");
    }
    return new EngineIoPacket(Type.VALUES[digit], frame.substring(1));
  }

  /** The text frame. */
  public String encode() {
    return type.code() + data;
  }
}
