package chat.logging.index;

import chat.events.ActivityEvent;
import chat.events.ActivityType;
import chat.events.EventJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;

/**
 * Turns {@code chat-activity} record values into log documents: the event as it was, plus the parts
 * of {@code data} that are searched copied to the top level ({@link LogFields}).
 *
 * <p>DM text must never reach the log: only {@code message_sent} (global rooms) keeps a {@code
 * content}; any other event type has {@code data.content} removed, whatever its producer sent.
 */
public final class LogDocuments {

  /** Elasticsearch refuses longer document ids. */
  private static final int MAX_ID_BYTES = 512;

  private static final int MAX_TYPE_LENGTH = 128;
  private static final int MIN_YEAR = 1970;
  private static final int MAX_YEAR = 9999;
  private static final int MAX_DETAIL = 500;

  private final ChatLogsIndex index;

  public LogDocuments(ChatLogsIndex index) {
    this.index = index;
  }

  /**
   * The document for one record value.
   *
   * @throws InvalidEventException if the bytes are not an {@link ActivityEvent} or hold values that
   *     cannot be indexed
   */
  public LogDocument from(byte[] value) {
    ActivityEvent event = parse(value);
    validate(event);
    String target = index.indexFor(event.timestamp());
    byte[] source = EventJson.write(sourceOf(event));
    return new LogDocument(target, event.eventId(), source, event.timestamp());
  }

  private static ActivityEvent parse(byte[] value) {
    if (value == null || value.length == 0) {
      throw new InvalidEventException("unparseable", "empty record value");
    }
    ActivityEvent event;
    try {
      event = EventJson.read(value, ActivityEvent.class);
    } catch (JacksonException e) {
      throw new InvalidEventException("unparseable", truncate(e.getOriginalMessage()));
    } catch (RuntimeException e) {
      throw new InvalidEventException("unparseable", truncate(String.valueOf(e.getMessage())));
    }
    if (event == null) {
      throw new InvalidEventException("unparseable", "null is not an event");
    }
    return event;
  }

  private static void validate(ActivityEvent event) {
    if (event.eventId().isBlank()
        || event.eventId().getBytes(StandardCharsets.UTF_8).length > MAX_ID_BYTES) {
      throw new InvalidEventException("invalid", "eventId must be 1.." + MAX_ID_BYTES + " bytes");
    }
    if (event.eventType().isBlank() || event.eventType().length() > MAX_TYPE_LENGTH) {
      throw new InvalidEventException(
          "invalid", "eventType must be 1.." + MAX_TYPE_LENGTH + " characters");
    }
    int year = event.timestamp().atOffset(ZoneOffset.UTC).getYear();
    if (year < MIN_YEAR || year > MAX_YEAR) {
      throw new InvalidEventException("invalid", "timestamp out of range: " + event.timestamp());
    }
  }

  private static Map<String, Object> sourceOf(ActivityEvent event) {
    boolean globalMessage = ActivityType.MESSAGE_SENT.equals(event.eventType());
    Map<String, Object> data = new LinkedHashMap<>(event.data());
    if (!globalMessage) {
      data.remove(LogFields.CONTENT);
    }
    Map<String, Object> source = new LinkedHashMap<>();
    source.put(LogFields.EVENT_ID, event.eventId());
    source.put(LogFields.EVENT_TYPE, event.eventType());
    source.put(LogFields.TIMESTAMP, iso(event.timestamp()));
    putIfPresent(source, LogFields.USER_ID, event.userId());
    putIfPresent(source, LogFields.ROOM, event.room());
    putIfPresent(source, LogFields.INSTANCE_ID, event.instanceId());
    source.put(LogFields.DATA, data);
    if (globalMessage && data.get(LogFields.CONTENT) instanceof String content) {
      source.put(LogFields.CONTENT, content);
    }
    // Copied as sent: a seq that is not a number is refused by the mapping (dead letter).
    putIfPresent(source, LogFields.SEQ, data.get(LogFields.SEQ));
    Object messageId = data.get(LogFields.MESSAGE_ID);
    putIfPresent(source, LogFields.MESSAGE_ID, messageId == null ? null : messageId.toString());
    return source;
  }

  private static String iso(Instant timestamp) {
    return timestamp.toString();
  }

  private static void putIfPresent(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  private static String truncate(String text) {
    return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL) + "...";
  }
}
