package chat.messaging.socketio;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The chat layer, as the Socket.IO layer calls it. There is exactly one bean of this type. The
 * Socket.IO layer handles the protocol (handshake, ping/pong, CONNECT authentication, packet codec,
 * frame limits) and nothing of chat semantics.
 */
public interface SocketListener {

  /** A namespace socket connected and authenticated. */
  void onConnect(SocketSession session);

  /**
   * A client event. The returned Mono's value is the acknowledgement payload (for example {@code
   * {ok: true, ...}} or {@code {ok: false, error: {code, message}}}); it is sent only if the client
   * asked for an ack. An error signal is answered with an {@code internal} error ack.
   *
   * @param payload the first argument of the event, or a missing node if there was none
   */
  Mono<Object> onEvent(SocketSession session, String event, JsonNode payload);

  /** The socket is gone (client disconnect, ping timeout, server shutdown). Called once. */
  void onDisconnect(SocketSession session, String reason);
}
