package chat.messaging.socketio.codec;

/**
 * An inbound frame or packet that cannot be used. Carries what could still be read of the header,
 * so that a malformed event with an ack id can be answered.
 */
public final class PacketException extends RuntimeException {

  private final ProtocolError error;
  private final Long ackId;
  private final int attachments;

  PacketException(ProtocolError error, String message) {
    this(error, message, null, 0);
  }

  PacketException(ProtocolError error, String message, Long ackId, int attachments) {
    super(message, null, false, false);
    this.error = error;
    this.ackId = ackId;
    this.attachments = attachments;
  }

  public ProtocolError error() {
    return error;
  }

  /** The ack id of the packet, or {@code null} if it had none or it could not be read. */
  public Long ackId() {
    return ackId;
  }

  /** Binary attachments announced by the packet header, which will follow as binary frames. */
  public int attachments() {
    return attachments;
  }
}
