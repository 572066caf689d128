package chat.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One user-visible event on {@link Topics#CHAT_ACTIVITY}, keyed by {@code userId}. Never carries
 * passwords nor DM text.
 *
 * @param eventId unique per event; the Elasticsearch document id, so a replay never duplicates
 * @param eventType one of {@link ActivityType}
 * @param timestamp when it happened
 * @param userId who did it
 * @param room the room concerned, if any
 * @param instanceId the replica that produced it
 * @param data type-specific details (e.g. {@code content} and {@code seq} of a global message)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActivityEvent(
    String eventId,
    String eventType,
    Instant timestamp,
    String userId,
    String room,
    String instanceId,
    Map<String, Object> data) {

  public ActivityEvent {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(timestamp, "timestamp");
    data = data == null ? Map.of() : Map.copyOf(data);
  }

  /** A new event with a random id. */
  public static ActivityEvent of(
      String eventType,
      Instant timestamp,
      String userId,
      String room,
      String instanceId,
      Map<String, Object> data) {
    return new ActivityEvent(
        UUID.randomUUID().toString(), eventType, timestamp, userId, room, instanceId, data);
  }
}
