package chat.messaging.chat;

import chat.events.User;
import chat.messaging.error.ChatException;
import chat.messaging.error.ErrorBody;
import chat.messaging.error.ErrorCode;
import chat.messaging.message.Message;
import chat.messaging.room.RoomSummary;
import java.util.List;
import java.util.Map;

/** The acknowledgement payloads: {@code {ok: true, ...}} or {@code {ok: false, error}}. */
final class Acks {

  private Acks() {}

  record Ok(boolean ok) {}

  record Failed(boolean ok, ErrorBody.Detail error) {}

  record Joined(
      boolean ok,
      User user,
      List<User> users,
      List<RoomSummary> rooms,
      Map<String, List<Message>> missed) {}

  record Sent(boolean ok, Message message) {}

  record DmStarted(boolean ok, RoomSummary room, List<Message> messages) {}

  record History(boolean ok, List<Message> messages, boolean hasMore) {}

  static final Ok OK = new Ok(true);

  static Failed failed(ErrorCode code, String message) {
    return new Failed(false, new ErrorBody.Detail(code.code(), message));
  }

  static Failed failed(ChatException e) {
    return failed(e.code(), e.getMessage());
  }
}
