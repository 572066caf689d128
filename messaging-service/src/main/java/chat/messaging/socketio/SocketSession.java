package chat.messaging.socketio;

import chat.events.auth.AuthenticatedUser;
import java.util.concurrent.Executor;

/**
 * What the chat layer sees of one authenticated Socket.IO connection (one namespace socket).
 * Thread-safe: every method may be called from any thread and none blocks.
 */
public interface SocketSession {

  /**
   * The socket id, unique across replicas (120 random bits, 20 base64url characters); also the
   * {@code connectionId} of connection events. A client that reconnects gets a new id.
   */
  String id();

  /** The verified identity from the CONNECT packet's {@code auth.token}. */
  AuthenticatedUser user();

  /**
   * Queues an event for this client without blocking. {@code payload} is serialized with Jackson
   * (Jackson 3 defaults: java.time as ISO-8601 strings) before this method returns. When the client
   * cannot keep up, the bounded outbound queue overflows and the connection is closed (the client
   * reconnects and catches up with {@code joinChat}). After the socket disconnected, events are
   * dropped silently.
   *
   * @throws tools.jackson.core.JacksonException if {@code payload} cannot be serialized
   */
  void emit(String event, Object payload);

  /**
   * Queues an event serialized once with {@link EncodedEvent#of}, for fan-out of one event to many
   * sockets; otherwise as {@link #emit(String, Object)}.
   */
  default void emit(EncodedEvent event) {
    emit(event.name(), event.payload());
  }

  /**
   * The thread that owns this socket's connection (its event loop): an emit from it is written at
   * once, an emit from any other thread is handed over to it, which costs a wake-up. Fan-out to
   * many sockets runs on each group's own executor, one hand-over per group instead of per socket.
   */
  default Executor executor() {
    return Runnable::run;
  }

  /** Whether the socket is still connected; once false, it stays false. */
  default boolean isConnected() {
    return true;
  }

  /**
   * Disconnects this socket from the server side: the client gets a Socket.IO DISCONNECT packet and
   * does NOT reconnect by itself (socket.io-client reason {@code io server disconnect}). {@link
   * SocketListener#onDisconnect} follows with reason {@code server namespace disconnect}.
   */
  void disconnect();
}
