package chat.messaging.chat;

import chat.messaging.error.ChatException;
import chat.messaging.message.PageSize;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The client events' payloads, read strictly from the JSON the client sent: a payload that is not
 * an object, a missing required field or a field of the wrong type is a {@code bad_request}.
 * Unknown fields are ignored.
 */
final class Requests {

  static final int MAX_ROOM_ID = 80;
  static final int MAX_CLIENT_MSG_ID = 128;
  static final int MAX_LAST_SEEN_ROOMS = 1000;

  private Requests() {}

  /**
   * @param username what an older client sends; null if absent
   * @param lastSeen room id to the last seq the client has; empty if absent
   */
  record JoinChat(String username, Map<String, Long> lastSeen) {}

  record SendMessage(String room, String content, String clientMsgId) {}

  record StartDm(String recipientId) {}

  record Typing(String room, boolean isTyping) {}

  record LoadHistory(String room, Long beforeSeq, int limit) {}

  /** {@code joinChat} may come without a payload; an object is read as usual. */
  static JoinChat joinChat(JsonNode payload) {
    if (payload == null || payload.isMissingNode() || payload.isNull()) {
      return new JoinChat(null, Map.of());
    }
    requireObject(payload);
    String username = optionalString(payload, "username", 64);
    JsonNode lastSeen = payload.get("lastSeen");
    Map<String, Long> seen = new LinkedHashMap<>();
    if (lastSeen != null && !lastSeen.isNull()) {
      if (!lastSeen.isObject()) {
        throw ChatException.badRequest("lastSeen must be an object of room id to seq");
      }
      if (lastSeen.size() > MAX_LAST_SEEN_ROOMS) {
        throw ChatException.badRequest("lastSeen names too many rooms");
      }
      for (Map.Entry<String, JsonNode> entry : lastSeen.properties()) {
        JsonNode seq = entry.getValue();
        if (!seq.isIntegralNumber() || !seq.canConvertToLong() || seq.longValue() < 0) {
          throw ChatException.badRequest("lastSeen values must be non-negative integers");
        }
        seen.put(entry.getKey(), seq.longValue());
      }
    }
    return new JoinChat(username, seen);
  }

  static SendMessage sendMessage(JsonNode payload) {
    requireObject(payload);
    String room = requiredString(payload, "room", MAX_ROOM_ID);
    JsonNode content = payload.get("content");
    if (content == null || !content.isString()) {
      throw ChatException.badRequest("content must be a string");
    }
    String clientMsgId = optionalString(payload, "clientMsgId", MAX_CLIENT_MSG_ID);
    if (clientMsgId != null && clientMsgId.isEmpty()) {
      throw ChatException.badRequest("clientMsgId must not be empty");
    }
    return new SendMessage(room, content.stringValue(), clientMsgId);
  }

  static StartDm startDm(JsonNode payload) {
    requireObject(payload);
    return new StartDm(requiredString(payload, "recipientId", 64));
  }

  static Typing typing(JsonNode payload) {
    requireObject(payload);
    String room = requiredString(payload, "room", MAX_ROOM_ID);
    JsonNode isTyping = payload.get("isTyping");
    if (isTyping == null || !isTyping.isBoolean()) {
      throw ChatException.badRequest("isTyping must be a boolean");
    }
    return new Typing(room, isTyping.booleanValue());
  }

  static LoadHistory loadHistory(JsonNode payload) {
    requireObject(payload);
    String room = requiredString(payload, "room", MAX_ROOM_ID);
    Long beforeSeq = optionalLong(payload, "beforeSeq");
    if (beforeSeq != null && beforeSeq < 1) {
      throw ChatException.badRequest("beforeSeq must be at least 1");
    }
    Long limit = optionalLong(payload, "limit");
    return new LoadHistory(room, beforeSeq, PageSize.of(limit));
  }

  private static void requireObject(JsonNode payload) {
    if (payload == null || !payload.isObject()) {
      throw ChatException.badRequest("the payload must be an object");
    }
  }

  private static String requiredString(JsonNode payload, String field, int maxLength) {
    String value = optionalString(payload, field, maxLength);
    if (value == null) {
      throw ChatException.badRequest(field + " is required");
    }
    return value;
  }

  private static String optionalString(JsonNode payload, String field, int maxLength) {
    JsonNode node = payload.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isString()) {
      throw ChatException.badRequest(field + " must be a string");
    }
    String value = node.stringValue();
    if (value.length() > maxLength) {
      throw ChatException.badRequest(field + " is too long");
    }
    return value;
  }

  private static Long optionalLong(JsonNode payload, String field) {
    JsonNode node = payload.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw ChatException.badRequest(field + " must be an integer");
    }
    return node.longValue();
  }
}
