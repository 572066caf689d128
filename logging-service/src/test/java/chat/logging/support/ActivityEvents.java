package chat.logging.support;

import chat.events.ActivityEvent;
import chat.events.ActivityType;
import chat.events.EventJson;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Activity events for tests, in the shapes the producers send. */
public final class ActivityEvents {

  private ActivityEvents() {}

  public static ActivityEvent message(
      String userId, String room, long seq, String content, Instant at) {
    return new ActivityEvent(
        UUID.randomUUID().toString(),
        ActivityType.MESSAGE_SENT,
        at,
        userId,
        room,
        "messaging-1",
        Map.of("content", content, "seq", seq, "messageId", room + "-" + seq));
  }

  public static ActivityEvent directMessage(
      String userId, String room, long seq, String content, Instant at) {
    Map<String, Object> data = new HashMap<>();
    data.put("seq", seq);
    data.put("messageId", room + "-" + seq);
    if (content != null) {
      data.put("content", content);
    }
    return new ActivityEvent(
        UUID.randomUUID().toString(), ActivityType.DM_SENT, at, userId, room, "messaging-1", data);
  }

  public static ActivityEvent of(String type, String userId, Instant at) {
    return new ActivityEvent(
        UUID.randomUUID().toString(), type, at, userId, null, "messaging-1", Map.of());
  }

  public static byte[] json(ActivityEvent event) {
    return EventJson.write(event);
  }

  /** The same event produced by {@code instanceId}: tests use it to find their own events. */
  public static ActivityEvent from(String instanceId, ActivityEvent event) {
    return new ActivityEvent(
        event.eventId(),
        event.eventType(),
        event.timestamp(),
        event.userId(),
        event.room(),
        instanceId,
        event.data());
  }
}
