package chat.messaging.socketio;

import chat.events.auth.AuthenticatedUser;
import chat.messaging.socketio.codec.SocketIoCodec;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/** The default-namespace socket of one connection, from its CONNECT to its disconnect. */
final class NamespaceSocket implements SocketSession {

  private final String id;
  private final AuthenticatedUser user;
  private final EngineConnection connection;
  private final AtomicBoolean connected = new AtomicBoolean(true);

  NamespaceSocket(String id, AuthenticatedUser user, EngineConnection connection) {
    this.id = id;
    this.user = user;
    this.connection = connection;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public AuthenticatedUser user() {
    return user;
  }

  @Override
  public void emit(String event, Object payload) {
    if (connected.get()) {
      connection.send(SocketIoCodec.event(event, payload));
    }
  }

  @Override
  public void emit(EncodedEvent event) {
    if (connected.get()) {
      connection.send(event.frame());
    }
  }

  @Override
  public Executor executor() {
    return connection.executor();
  }

  @Override
  public boolean isConnected() {
    return connected.get();
  }

  @Override
  public void disconnect() {
    connection.disconnectFromServer(this);
  }

  /** Marks the socket disconnected; true only for the first call. */
  boolean markDisconnected() {
    return connected.compareAndSet(true, false);
  }

  @Override
  public String toString() {
    return "SocketSession[" + id + ", " + user.userId() + "]";
  }
}
