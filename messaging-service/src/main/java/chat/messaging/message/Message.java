package chat.messaging.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A stored chat message, as the protocol shows it.
 *
 * @param id unique string id; the same for every resend with one {@code clientMsgId}
 * @param room the room id
 * @param seq the per-room sequence number: 1, 2, 3, ... without gaps
 * @param senderId the sender's user id
 * @param content the text, trimmed, 1..4000 characters
 * @param timestamp when the server accepted it (ISO-8601 UTC on the wire, millisecond precision)
 * @param clientMsgId the sender's idempotency key, if it sent one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Message(
    String id,
    String room,
    long seq,
    String senderId,
    String content,
    Instant timestamp,
    String clientMsgId) {

  Message withSeq(long newSeq) {
    return new Message(id, room, newSeq, senderId, content, timestamp, clientMsgId);
  }
}
