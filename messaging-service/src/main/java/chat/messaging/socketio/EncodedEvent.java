package chat.messaging.socketio;

import chat.messaging.socketio.codec.SocketIoCodec;

/**
 * A server-to-client event serialized once, for sending the same event to many sockets (room
 * fan-out): {@link SocketSession#emit(EncodedEvent)} reuses the bytes instead of serializing the
 * payload per socket. Immutable and thread-safe.
 */
public final class EncodedEvent {

  private final String name;
  private final Object payload;
  private final byte[] frame;

  private EncodedEvent(String name, Object payload, byte[] frame) {
    this.name = name;
    this.payload = payload;
    this.frame = frame;
  }

  /**
   * Serializes {@code payload} (Jackson 3, java.time as ISO-8601) as the event {@code name}.
   *
   * @throws tools.jackson.core.JacksonException if {@code payload} cannot be serialized
   */
  public static EncodedEvent of(String name, Object payload) {
    return new EncodedEvent(name, payload, SocketIoCodec.event(name, payload));
  }

  public String name() {
    return name;
  }

  /** The payload as given, for {@link SocketSession} implementations that do not use frames. */
  public Object payload() {
    return payload;
  }

  /** Size of the WebSocket text frame in bytes. */
  public int size() {
    return frame.length;
  }

  /** The complete frame ({@code 42["name",payload]}); shared, never modify it. */
  byte[] frame() {
    return frame;
  }
}
