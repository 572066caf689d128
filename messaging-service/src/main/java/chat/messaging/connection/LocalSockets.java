package chat.messaging.connection;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The sockets connected to this replica, by id and by user. */
@Component
public class LocalSockets {

  private final Map<String, ChatSocket> byId = new ConcurrentHashMap<>();
  private final Map<String, Set<ChatSocket>> byUser = new ConcurrentHashMap<>();

  public void add(ChatSocket socket) {
    byId.put(socket.id(), socket);
    byUser.compute(
        socket.userKey(),
        (user, sockets) -> {
          Set<ChatSocket> set = sockets == null ? ConcurrentHashMap.newKeySet() : sockets;
          set.add(socket);
          return set;
        });
  }

  /** Removes the socket; returns it, or null if it was not here. */
  public ChatSocket remove(String socketId) {
    ChatSocket socket = byId.remove(socketId);
    if (socket != null) {
      byUser.computeIfPresent(
          socket.userKey(),
          (user, sockets) -> {
            sockets.remove(socket);
            return sockets.isEmpty() ? null : sockets;
          });
    }
    return socket;
  }

  public ChatSocket get(String socketId) {
    return byId.get(socketId);
  }

  /** Every socket on this replica (a live view). */
  public Collection<ChatSocket> all() {
    return byId.values();
  }

  /** The sockets of the user with canonical id {@code userKey} (a live view, maybe empty). */
  public Set<ChatSocket> ofUser(String userKey) {
    return byUser.getOrDefault(userKey, Set.of());
  }

  public int size() {
    return byId.size();
  }
}
