package chat.messaging.testing;

import chat.events.auth.AuthenticatedUser;
import chat.messaging.socketio.EncodedEvent;
import chat.messaging.socketio.SocketSession;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

/** A socket that records what it is sent. */
public final class FakeSocketSession implements SocketSession {

  /** One emitted event. */
  public record Emitted(String event, Object payload) {}

  private final String id = UUID.randomUUID().toString();
  private final AuthenticatedUser user;
  private final List<Emitted> emitted = new CopyOnWriteArrayList<>();
  private final Executor executor;
  private volatile boolean connected = true;

  public FakeSocketSession(String userId) {
    this(userId, Runnable::run);
  }

  /** A socket whose connection is owned by {@code executor} (see {@link #executor()}). */
  public FakeSocketSession(String userId, Executor executor) {
    this.user = new AuthenticatedUser(userId, Set.of(), Instant.now().plusSeconds(3600));
    this.executor = executor;
  }

  @Override
  public Executor executor() {
    return executor;
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
    emitted.add(new Emitted(event, payload));
  }

  @Override
  public void emit(EncodedEvent event) {
    emitted.add(new Emitted(event.name(), event.payload()));
  }

  @Override
  public boolean isConnected() {
    return connected;
  }

  @Override
  public void disconnect() {
    connected = false;
  }

  public List<Emitted> emitted() {
    return emitted;
  }

  public List<Emitted> emitted(String event) {
    return emitted.stream().filter(e -> e.event().equals(event)).toList();
  }
}
