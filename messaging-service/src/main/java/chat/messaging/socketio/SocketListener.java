package chat.messaging.socketio;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The chat layer, as the Socket.IO layer calls it. There is exactly one bean of this type. The
 * Socket.IO layer handles the protocol (handshake, ping/pong, CONNECT authentication, packet codec,
 * frame limits, malformed packets) and nothing of chat semantics.
 *
 * <p>Threading: methods are called on Netty event-loop threads and must not block. For one socket,
 * {@code onConnect} comes first, then {@code onEvent} once per event in arrival order. The Monos
 * returned by {@code onEvent} may run concurrently (at most {@code
 * chat.socketio.max-in-flight-events} per socket, default 16; up to {@code
 * chat.socketio.max-queued-events}, default 256, more wait, and events beyond that are answered
 * {@code rate_limited} without reaching the listener); a listener that needs one event's effects to
 * finish before the next one starts must chain them itself. {@code onDisconnect} may come while
 * events are still running: they are not cancelled, but their acks are dropped, and events still
 * queued are skipped.
 */
public interface SocketListener {

  /**
   * A namespace socket connected and authenticated. The client already has its CONNECT answer
   * queued, so events emitted here reach it after the {@code connect} event.
   */
  void onConnect(SocketSession session);

  /**
   * A client event. The returned Mono's value is the acknowledgement payload (for example {@code
   * {ok: true, ...}} or {@code {ok: false, error: {code, message}}}); it is sent only if the client
   * asked for an ack; an empty Mono sends an ack without arguments. An error signal, a thrown
   * exception or no answer within {@code chat.socketio.event-timeout} (default 30 s) is answered
   * with {@code {ok: false, error: {code: "internal", ...}}}. Malformed packets (bad JSON, an EVENT
   * without a name, binary events) never reach this method: they get a {@code bad_request} ack.
   *
   * @param event the event name, any string the client sent (unknown names are the listener's to
   *     refuse with {@code bad_request})
   * @param payload the first argument of the event, or a missing node if there was none
   */
  Mono<Object> onEvent(SocketSession session, String event, JsonNode payload);

  /**
   * The socket is gone. Called exactly once per connected socket. {@code reason} is one of
   * Socket.IO's: {@code client namespace disconnect}, {@code server namespace disconnect}, {@code
   * transport close}, {@code transport error}, {@code ping timeout}, {@code server shutting down},
   * or {@code forced close} (slow client, protocol violation).
   */
  void onDisconnect(SocketSession session, String reason);
}
