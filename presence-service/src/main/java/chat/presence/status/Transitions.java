package chat.presence.status;

import chat.events.ActivityEvent;
import chat.events.ActivityType;
import chat.events.User;
import chat.presence.activity.ActivityPublisher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;

/**
 * What follows an online/offline transition made by this replica, besides the Redis publication the
 * script already did: the transitions counter and a {@code presence_changed} activity event.
 */
public final class Transitions {

  private final ActivityPublisher activity;
  private final String instanceId;
  private final Clock clock;
  private final Counter toOnline;
  private final Counter toOffline;

  public Transitions(
      ActivityPublisher activity, String instanceId, Clock clock, MeterRegistry meters) {
    this.activity = activity;
    this.instanceId = instanceId;
    this.clock = clock;
    this.toOnline = counter(meters, "online");
    this.toOffline = counter(meters, "offline");
  }

  /** Records the transition that produced {@code user}'s new entry. */
  public void announce(User user) {
    (user.online() ? toOnline : toOffline).increment();
    activity.publish(
        ActivityEvent.of(
            ActivityType.PRESENCE_CHANGED,
            clock.instant(),
            user.userId(),
            null,
            instanceId,
            Map.of(
                "status",
                user.online() ? "online" : "offline",
                "lastSeen",
                String.valueOf(user.lastSeen()))));
  }

  private static Counter counter(MeterRegistry meters, String to) {
    return Counter.builder("chat.presence.transitions")
        .description("Online/offline transitions made by this replica")
        .tag("to", to)
        .register(meters);
  }
}
