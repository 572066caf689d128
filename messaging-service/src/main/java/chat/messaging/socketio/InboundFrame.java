package chat.messaging.socketio;

import org.springframework.web.reactive.socket.WebSocketMessage;

/**
 * A received WebSocket frame, copied out of its pooled Netty buffer (which is released as soon as
 * the frame has been handed on).
 *
 * @param kind text, binary or a WebSocket control frame
 * @param text the text of a text frame, otherwise {@code null}
 */
record InboundFrame(Kind kind, String text) {

  enum Kind {
    TEXT,
    BINARY,
    CONTROL
  }

  static InboundFrame copyOf(WebSocketMessage message) {
    return switch (message.getType()) {
      case TEXT -> new InboundFrame(Kind.TEXT, message.getPayloadAsText());
      case BINARY -> new InboundFrame(Kind.BINARY, null);
      case PING, PONG -> new InboundFrame(Kind.CONTROL, null);
    };
  }
}
