package chat.messaging.typing;

import chat.messaging.MessagingProperties;
import chat.messaging.connection.ChatSocket;
import chat.messaging.fanout.Audience;
import chat.messaging.fanout.RoomBroadcast;
import chat.messaging.room.Room;
import chat.messaging.room.RoomType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Typing indicators: ephemeral (never stored), forwarded to the other members of the room only.
 *
 * <ul>
 *   <li>Throttle: per user and room at most one {@code userTyping} per {@code min-interval} (300
 *       ms, so at most ~3 per second); a change that arrives inside the interval is sent at its
 *       end, so the last state always arrives.
 *   <li>Expiry: a {@code true} not followed by {@code false} within {@code expiry} (5 s) is ended
 *       with a {@code false}; repeated {@code true}s extend it. A socket that disconnects while
 *       typing ends its typing too.
 * </ul>
 */
@Component
public class TypingRelay {

  static final String EVENT = "userTyping";

  private final RoomBroadcast fanout;
  private final long minIntervalNanos;
  private final long expiryNanos;
  private final Scheduler timers;
  private final Map<String, TypingState> states = new ConcurrentHashMap<>();

  @Autowired
  TypingRelay(RoomBroadcast fanout, MessagingProperties properties) {
    this(fanout, properties, Schedulers.parallel());
  }

  TypingRelay(RoomBroadcast fanout, MessagingProperties properties, Scheduler timers) {
    this.fanout = fanout;
    this.minIntervalNanos = properties.typing().minInterval().toNanos();
    this.expiryNanos = properties.typing().expiry().toNanos();
    this.timers = timers;
  }

  /** The payload of {@code userTyping}. */
  record UserTyping(String room, String userId, boolean isTyping) {}

  /** {@code socket}'s user says it is (not) typing in {@code room} (membership already checked). */
  public void typing(ChatSocket socket, Room room, boolean isTyping) {
    String key = socket.userKey() + '\n' + room.id();
    while (true) {
      TypingState state =
          states.computeIfAbsent(
              key, k -> new TypingState(room, socket.userId(), socket.userKey()));
      synchronized (state) {
        if (state.removed) {
          continue; // lost a race with its removal: use the fresh one
        }
        update(key, state, socket, isTyping);
        return;
      }
    }
  }

  private void update(String key, TypingState state, ChatSocket socket, boolean isTyping) {
    state.socketId = socket.id();
    state.wanted = isTyping;
    if (isTyping) {
      armExpiry(key, state);
    } else {
      cancel(state.expiry);
      state.expiry = null;
    }
    flush(key, state);
  }

  /**
   * A message of {@code socket}'s user is being stored in {@code room}. Clients stop showing its
   * sender as typing when the message arrives, so the relay forgets that it announced typing,
   * without announcing a stop: the user's next keystroke there is announced again. Otherwise a
   * {@code true} right after sending would look unchanged here and never reach the others.
   */
  public void messageSent(ChatSocket socket, Room room) {
    String key = socket.userKey() + '\n' + room.id();
    TypingState state = states.get(key);
    if (state == null) {
      return;
    }
    synchronized (state) {
      if (state.removed) {
        return;
      }
      state.wanted = false;
      state.sent = false;
      cancel(state.expiry);
      state.expiry = null;
      settle(key, state, timers.now(TimeUnit.NANOSECONDS));
    }
  }

  /** The socket is gone: whatever it was typing stops. */
  public void disconnected(ChatSocket socket) {
    states.forEach(
        (key, state) -> {
          synchronized (state) {
            if (socket.id().equals(state.socketId) && state.wanted) {
              state.wanted = false;
              cancel(state.expiry);
              state.expiry = null;
              flush(key, state);
            }
          }
        });
  }

  /** Sends the wanted state if it differs from the sent one and the throttle allows. */
  private void flush(String key, TypingState state) {
    long now = timers.now(TimeUnit.NANOSECONDS);
    if (state.wanted == state.sent) {
      settle(key, state, now);
      return;
    }
    long wait = state.sentAt + minIntervalNanos - now;
    if (state.sentAtValid && wait > 0) {
      flushLater(key, state, wait);
      return;
    }
    state.sent = state.wanted;
    state.sentAt = now;
    state.sentAtValid = true;
    Room room = state.room;
    Audience audience =
        room.type() == RoomType.GLOBAL
            ? Audience.everyoneExcept(state.userKey)
            : Audience.usersExcept(room.memberKeys(), state.userKey);
    fanout.publish(audience, EVENT, new UserTyping(room.id(), state.userId, state.sent), 0);
    settle(key, state, now);
  }

  /** Forgets an idle state, but only once its throttle window is over (or it would reset it). */
  private void settle(String key, TypingState state, long now) {
    if (state.wanted || state.sent || state.trailing != null) {
      return;
    }
    long wait = state.sentAt + minIntervalNanos - now;
    if (state.sentAtValid && wait > 0) {
      flushLater(key, state, wait);
      return;
    }
    state.removed = true;
    states.remove(key, state);
  }

  private void flushLater(String key, TypingState state, long delayNanos) {
    if (state.trailing != null) {
      return;
    }
    state.trailing =
        timers.schedule(
            () -> {
              synchronized (state) {
                state.trailing = null;
                flush(key, state);
              }
            },
            delayNanos,
            TimeUnit.NANOSECONDS);
  }

  private void armExpiry(String key, TypingState state) {
    cancel(state.expiry);
    state.expiry =
        timers.schedule(
            () -> {
              synchronized (state) {
                state.expiry = null;
                state.wanted = false;
                flush(key, state);
              }
            },
            expiryNanos,
            TimeUnit.NANOSECONDS);
  }

  private static void cancel(Disposable timer) {
    if (timer != null) {
      timer.dispose();
    }
  }

  /** What one user is doing in one room; guarded by its own monitor. */
  private static final class TypingState {
    final Room room;
    final String userId;
    final String userKey;
    String socketId;
    boolean wanted;
    boolean sent;
    long sentAt;
    boolean sentAtValid;
    Disposable expiry;
    Disposable trailing;
    boolean removed;

    TypingState(Room room, String userId, String userKey) {
      this.room = room;
      this.userId = userId;
      this.userKey = userKey;
    }
  }
}
