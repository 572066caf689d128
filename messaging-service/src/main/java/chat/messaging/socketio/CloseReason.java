package chat.messaging.socketio;

import java.util.Locale;
import org.springframework.web.reactive.socket.CloseStatus;

/**
 * Why an Engine.IO connection ended: the WebSocket close status the server sends (if it closes),
 * the Socket.IO disconnect reason the listener gets, and the metric tag.
 */
enum CloseReason {
  /** The client closed the WebSocket (or sent an Engine.IO close packet). */
  TRANSPORT_CLOSE(CloseStatus.NORMAL, "transport close"),
  /** The connection failed (reset, I/O error). */
  TRANSPORT_ERROR(CloseStatus.SERVER_ERROR, "transport error"),
  /** No pong within pingTimeout of a ping. */
  PING_TIMEOUT(new CloseStatus(1000, "ping timeout"), "ping timeout"),
  /** No namespace CONNECT within connectTimeout. */
  CONNECT_TIMEOUT(new CloseStatus(1008, "no namespace connect"), "forced close"),
  /** The client did not read fast enough and its outbound queue overflowed. */
  SLOW_CONSUMER(new CloseStatus(1013, "outbound queue overflow"), "forced close"),
  /** A binary frame that was not an announced attachment. */
  UNSUPPORTED_DATA(new CloseStatus(1003, "binary frames are not supported"), "forced close"),
  /** A text frame that is not Engine.IO / Socket.IO at all. */
  NOT_SOCKET_IO(new CloseStatus(1008, "not a Socket.IO packet"), "forced close"),
  /** The server stops; clients reconnect to another replica. */
  SHUTDOWN(CloseStatus.GOING_AWAY, "server shutting down");

  private final CloseStatus status;
  private final String socketIoReason;
  private final String tag;

  CloseReason(CloseStatus status, String socketIoReason) {
    this.status = status;
    this.socketIoReason = socketIoReason;
    this.tag = name().toLowerCase(Locale.ROOT);
  }

  CloseStatus status() {
    return status;
  }

  String socketIoReason() {
    return socketIoReason;
  }

  String tag() {
    return tag;
  }
}
