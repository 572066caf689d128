package chat.messaging.socketio.codec;

import java.util.Locale;

/**
 * What was wrong with an inbound frame or packet. The {@link #tag()} is the {@code kind} tag of the
 * protocol error counter. Errors that {@link #closesConnection()} mean the frame is not Engine.IO /
 * Socket.IO at all; the others are Socket.IO-shaped packets that are answered (with a {@code
 * bad_request} ack when they carry an ack id) and otherwise ignored.
 */
public enum ProtocolError {
  /** A text frame with no characters. */
  EMPTY_FRAME(true),
  /** The first character is not an Engine.IO packet type the client may send. */
  NOT_ENGINE_IO(true),
  /** An Engine.IO message whose content does not start with a Socket.IO packet type. */
  NOT_SOCKET_IO(true),
  /** A binary frame that is not an announced attachment. */
  UNEXPECTED_BINARY(true),
  /** The payload of a packet is not valid JSON. */
  BAD_JSON(false),
  /** Valid JSON of the wrong shape: an EVENT without a name, a CONNECT that is not an object... */
  BAD_PAYLOAD(false),
  /** A namespace or ack id that cannot be read. */
  BAD_HEADER(false),
  /** A binary event or ack: attachments are not supported. */
  BINARY_UNSUPPORTED(false),
  /** A CONNECT to a namespace other than {@code /}, or a packet for one. */
  UNKNOWN_NAMESPACE(false),
  /** An event before the namespace CONNECT succeeded. */
  NOT_CONNECTED(false),
  /** A packet a client never sends (ACK, CONNECT_ERROR, a second CONNECT). */
  UNEXPECTED_PACKET(false),
  /** A CONNECT without a valid token. */
  UNAUTHORIZED(false),
  /** An event while the socket already has the most events queued: answered rate_limited. */
  EVENT_QUEUE_FULL(false);

  private final boolean closesConnection;
  private final String tag;

  ProtocolError(boolean closesConnection) {
    this.closesConnection = closesConnection;
    this.tag = name().toLowerCase(Locale.ROOT);
  }

  /** Whether the connection is closed (1003 or 1008) rather than the packet answered. */
  public boolean closesConnection() {
    return closesConnection;
  }

  /** Lower-case name, the metric tag value. */
  public String tag() {
    return tag;
  }
}
