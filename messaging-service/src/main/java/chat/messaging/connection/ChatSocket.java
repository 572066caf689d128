package chat.messaging.connection;

import chat.events.UserIds;
import chat.messaging.socketio.EncodedEvent;
import chat.messaging.socketio.SocketSession;
import java.util.concurrent.Executor;

/**
 * One connected, authenticated socket as the chat layer tracks it. A socket receives room events
 * from the moment it connects: the global room's, and those of every DM of its user.
 */
public final class ChatSocket {

  private final SocketSession session;
  private final String userId;
  private final String userKey;
  private final TokenBucket messageRate;

  public ChatSocket(SocketSession session, TokenBucket messageRate) {
    this.session = session;
    this.userId = session.user().userId();
    this.userKey = UserIds.canonical(userId);
    this.messageRate = messageRate;
  }

  public String id() {
    return session.id();
  }

  /** The user id as the token names it. */
  public String userId() {
    return userId;
  }

  /** The canonical (lower-case) user id, the key of every per-user lookup. */
  public String userKey() {
    return userKey;
  }

  /** Whether one more message may be sent now (per-socket rate limit). */
  public boolean tryAcquireMessage() {
    return messageRate.tryTake(System.nanoTime());
  }

  /** See {@link SocketSession#executor()}. */
  public Executor executor() {
    return session.executor();
  }

  /** Queues an event, serialized once for many sockets, without blocking. */
  public void emit(EncodedEvent event) {
    session.emit(event);
  }
}
