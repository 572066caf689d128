package chat.presence.support;

import chat.events.EventJson;
import chat.events.PresenceChange;
import chat.events.RedisKeys;
import chat.events.User;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Plays a messaging replica's subscriber: records every message on the presence channel. */
public final class PresenceChanges implements AutoCloseable {

  private final RedisClient client;
  private final StatefulRedisPubSubConnection<String, String> connection;
  private final List<User> received = new CopyOnWriteArrayList<>();

  public PresenceChanges(String host, int port) {
    client = RedisClient.create(RedisURI.create(host, port));
    connection = client.connectPubSub();
    connection.addListener(
        new RedisPubSubAdapter<>() {
          @Override
          public void message(String channel, String message) {
            received.add(
                EventJson.read(message.getBytes(StandardCharsets.UTF_8), PresenceChange.class)
                    .user());
          }
        });
    connection.sync().subscribe(RedisKeys.PRESENCE_CHANGES);
  }

  /** Every change published for {@code userId} so far, in order of arrival. */
  public List<User> of(String userId) {
    return received.stream().filter(user -> user.userId().equals(userId)).toList();
  }

  /** The statuses published for {@code userId} so far, e.g. {@code [ONLINE, OFFLINE]}. */
  public List<User.Status> statusesOf(String userId) {
    return of(userId).stream().map(User::status).toList();
  }

  @Override
  public void close() {
    connection.close();
    client.shutdown();
  }
}
