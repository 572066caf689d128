package chat.messaging.socketio;

import chat.events.auth.AuthenticatedUser;

/** What the chat layer sees of one authenticated Socket.IO connection (one namespace socket). */
public interface SocketSession {

  /** The socket id, unique across replicas; also the {@code connectionId} of connection events. */
  String id();

  /** The verified identity from the CONNECT packet's {@code auth.token}. */
  AuthenticatedUser user();

  /**
   * Queues an event for this client without blocking. {@code payload} is serialized with Jackson.
   * When the client cannot keep up, the bounded outbound queue overflows and the socket is closed
   * (the client reconnects and catches up with {@code joinChat}).
   */
  void emit(String event, Object payload);

  /** Closes the connection. */
  void disconnect();
}
