package chat.messaging.socketio.codec;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * One Socket.IO v5 packet, as carried by an Engine.IO message: {@code
 * <type>[<attachments>-][<namespace>,][<ack id>][<JSON>]}.
 *
 * @param type the packet type
 * @param namespace the namespace, {@code /} when the packet names none
 * @param ackId the acknowledgement id, or {@code null}
 * @param data the JSON payload, a {@link MissingNode} when there is none
 * @param attachments binary attachments announced (binary packet types only)
 */
public record SocketIoPacket(
    Type type, String namespace, Long ackId, JsonNode data, int attachments) {

  /** The default namespace, the only one this server serves. */
  public static final String DEFAULT_NAMESPACE = "/";

  /** Socket.IO packet types, in protocol order: the ordinal is the wire digit. */
  public enum Type {
    CONNECT,
    DISCONNECT,
    EVENT,
    ACK,
    CONNECT_ERROR,
    BINARY_EVENT,
    BINARY_ACK;

    static final Type[] VALUES = values();

    /** The wire digit. */
    public char code() {
      return (char) ('0' + ordinal());
    }

    boolean isBinary() {
      return this == BINARY_EVENT || this == BINARY_ACK;
    }
  }

  /** The event name of an EVENT packet (its first array element). */
  public String eventName() {
    return data.get(0).asString();
  }

  /** The first argument of an EVENT packet, a {@link MissingNode} when the event has none. */
  public JsonNode eventPayload() {
    return data.path(1);
  }
}
