package chat.presence.support;

import static org.awaitility.Awaitility.await;

import chat.events.User;
import java.time.Duration;

/** Waits, once per consumer, until a first event has gone all the way through. */
public final class Warmup {

  private static final java.util.Set<ConnectionEvents> warm =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  private Warmup() {}

  public static void once(ConnectionEvents events, PresenceChanges changes, Duration patience) {
    if (warm.contains(events)) {
      return;
    }
    String user = TestNames.user("warmup");
    // Heartbeats until one lands: a first event may be dropped as too old while the group forms.
    await()
        .atMost(patience)
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              events.heartbeat(user, "w1", "warmup");
              return changes.statusesOf(user).contains(User.Status.ONLINE);
            });
    events.disconnected(user, "w1", "warmup");
    warm.add(events);
  }
}
