package chat.messaging.message;

import chat.events.UserIds;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.bson.types.ObjectId;

/**
 * Message ids. A message sent with a {@code clientMsgId} gets an id derived from (room, sender,
 * clientMsgId), so every resend maps to the same MongoDB {@code _id} and the unique {@code _id}
 * index makes the resend idempotent without an extra lookup. Other messages get a fresh ObjectId.
 */
final class MessageIds {

  private MessageIds() {}

  static String of(String room, String senderId, String clientMsgId) {
    if (clientMsgId == null) {
      return new ObjectId().toHexString();
    }
    String key = room + '\n' + UserIds.canonical(senderId) + '\n' + clientMsgId;
    byte[] digest = sha256().digest(key.getBytes(StandardCharsets.UTF_8));
    // 128 bits: collisions are out of reach; "c" keeps these apart from 24-char ObjectIds.
    return "c" + HexFormat.of().formatHex(digest, 0, 16);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
