package chat.logging.index;

import chat.events.ActivityEvent;
import java.util.List;

/**
 * Field names of an activity-log document. The event's own fields keep their names; the parts of
 * {@code data} that are queried are copied to the top level, because {@code data} itself is stored
 * but not indexed (its shape differs per event type and must not grow the mapping).
 */
public final class LogFields {

  public static final String EVENT_ID = "eventId";
  public static final String EVENT_TYPE = "eventType";
  public static final String TIMESTAMP = "timestamp";
  public static final String USER_ID = "userId";
  public static final String ROOM = "room";
  public static final String INSTANCE_ID = "instanceId";
  public static final String DATA = "data";

  /** Text of a global-room message ({@code data.content}), analysed for full-text search. */
  public static final String CONTENT = "content";

  /** Per-room sequence number of a message ({@code data.seq}). */
  public static final String SEQ = "seq";

  /** Id of a message ({@code data.messageId}). */
  public static final String MESSAGE_ID = "messageId";

  /** The fields of the original {@link ActivityEvent}, to read it back. */
  public static final List<String> EVENT_SOURCE =
      List.of(EVENT_ID, EVENT_TYPE, TIMESTAMP, USER_ID, ROOM, INSTANCE_ID, DATA);

  private LogFields() {}
}
