package chat.messaging.activity;

import chat.events.ActivityEvent;
import chat.events.ActivityType;
import chat.messaging.MessagingProperties;
import chat.messaging.message.Message;
import chat.messaging.room.Room;
import chat.messaging.room.RoomType;
import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Builds and publishes the chat layer's activity events. DM text never goes into an event: {@code
 * dm_sent} carries only the seq and message id.
 */
@Component
public class ActivityEvents {

  private final ActivityPublisher publisher;
  private final String instanceId;

  ActivityEvents(ActivityPublisher publisher, MessagingProperties properties) {
    this.publisher = publisher;
    this.instanceId = properties.instanceId();
  }

  public void userConnected(String userId, String connectionId) {
    publish(ActivityType.USER_CONNECTED, userId, null, Map.of("connectionId", connectionId));
  }

  public void userDisconnected(String userId, String connectionId, String reason) {
    publish(
        ActivityType.USER_DISCONNECTED,
        userId,
        null,
        Map.of("connectionId", connectionId, "reason", reason == null ? "" : reason));
  }

  /** {@code message_sent} with the text for the global room, {@code dm_sent} without for DMs. */
  public void messageStored(Room room, Message message) {
    if (room.type() == RoomType.GLOBAL) {
      publish(
          ActivityType.MESSAGE_SENT,
          message.senderId(),
          room.id(),
          Map.of("content", message.content(), "seq", message.seq(), "messageId", message.id()));
    } else {
      publish(
          ActivityType.DM_SENT,
          message.senderId(),
          room.id(),
          Map.of("seq", message.seq(), "messageId", message.id()));
    }
  }

  public void dmStarted(String userId, Room room, String recipientId) {
    publish(ActivityType.DM_STARTED, userId, room.id(), Map.of("recipientId", recipientId));
  }

  private void publish(String type, String userId, String room, Map<String, Object> data) {
    publisher.publish(ActivityEvent.of(type, Instant.now(), userId, room, instanceId, data));
  }
}
