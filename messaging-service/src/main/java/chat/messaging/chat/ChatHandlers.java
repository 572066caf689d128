package chat.messaging.chat;

import chat.events.User;
import chat.events.UserIds;
import chat.messaging.MessagingProperties;
import chat.messaging.activity.ActivityEvents;
import chat.messaging.connection.ChatSocket;
import chat.messaging.error.ChatException;
import chat.messaging.error.ErrorCode;
import chat.messaging.fanout.Audience;
import chat.messaging.fanout.Clocks;
import chat.messaging.fanout.RoomBroadcast;
import chat.messaging.message.Message;
import chat.messaging.message.MessageContent;
import chat.messaging.message.MessageLog;
import chat.messaging.message.PageSize;
import chat.messaging.presence.UserRegistry;
import chat.messaging.room.Room;
import chat.messaging.room.RoomDirectory;
import chat.messaging.room.RoomSummary;
import chat.messaging.room.RoomType;
import chat.messaging.room.UserDirectory;
import chat.messaging.typing.TypingRelay;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** What each client event does; the answer is the ack payload or a {@link ChatException}. */
@Component
class ChatHandlers {

  static final String NEW_MESSAGE = "newMessage";

  /** How many rooms' last seq or catch-up are read from MongoDB at once for one joinChat. */
  private static final int ROOM_CONCURRENCY = 8;

  private final RoomDirectory rooms;
  private final MessageLog messages;
  private final UserDirectory users;
  private final UserRegistry registry;
  private final RoomBroadcast fanout;
  private final TypingRelay typing;
  private final ActivityEvents activity;
  private final int catchUpLimit;

  ChatHandlers(
      RoomDirectory rooms,
      MessageLog messages,
      UserDirectory users,
      UserRegistry registry,
      RoomBroadcast fanout,
      TypingRelay typing,
      ActivityEvents activity,
      MessagingProperties properties) {
    this.rooms = rooms;
    this.messages = messages;
    this.users = users;
    this.registry = registry;
    this.fanout = fanout;
    this.typing = typing;
    this.activity = activity;
    this.catchUpLimit = properties.catchUpLimit();
  }

  record NewMessage(Message message) {}

  Mono<?> joinChat(ChatSocket socket, Requests.JoinChat request) {
    if (request.username() != null
        && !UserIds.canonical(request.username()).equals(socket.userKey())) {
      return Mono.error(ChatException.forbidden("username does not match the signed-in user"));
    }
    Mono<List<User>> everyone = registry.all();
    Mono<List<RoomSummary>> myRooms =
        rooms
            .roomsOf(socket.userId())
            .flatMapSequential(
                room -> messages.lastSeq(room.id()).map(room::summary), ROOM_CONCURRENCY)
            .collectList();
    Mono<Map<String, List<Message>>> missed =
        Flux.fromIterable(request.lastSeen().entrySet())
            .flatMapSequential(
                seen ->
                    rooms
                        .accessible(seen.getKey(), socket.userId())
                        // Rooms the caller cannot read are left out rather than failing the join.
                        .onErrorResume(ChatException.class, e -> Mono.empty())
                        .flatMap(room -> messages.after(room.id(), seen.getValue(), catchUpLimit))
                        .map(list -> Map.entry(seen.getKey(), list)),
                ROOM_CONCURRENCY)
            .collectMap(Map.Entry::getKey, Map.Entry::getValue, LinkedHashMap::new);
    return Mono.zip(everyone, myRooms, missed)
        .map(
            all -> {
              User me =
                  all.getT1().stream()
                      .filter(u -> UserIds.canonical(u.userId()).equals(socket.userKey()))
                      .findFirst()
                      .filter(User::online)
                      .orElseGet(
                          () -> new User(socket.userId(), User.Status.ONLINE, Instant.now()));
              return new Acks.Joined(true, me, all.getT1(), all.getT2(), all.getT3());
            });
  }

  Mono<?> sendMessage(ChatSocket socket, Requests.SendMessage request) {
    long receivedAt = Clocks.epochMicros();
    if (!socket.tryAcquireMessage()) {
      return Mono.error(new ChatException(ErrorCode.RATE_LIMITED, "too many messages, slow down"));
    }
    String content = MessageContent.validate(request.content());
    return rooms
        .accessible(request.room(), socket.userId())
        .flatMap(
            room -> {
              typing.messageSent(socket, room);
              return messages
                  .append(room, socket.userId(), content, request.clientMsgId())
                  .doOnNext(
                      appended -> {
                        if (appended.created()) {
                          announce(room, appended.message(), receivedAt);
                        }
                      });
            })
        .map(appended -> new Acks.Sent(true, appended.message()));
  }

  private void announce(Room room, Message message, long receivedAt) {
    Audience audience =
        room.type() == RoomType.GLOBAL ? Audience.everyone() : Audience.users(room.memberKeys());
    fanout.publish(audience, NEW_MESSAGE, new NewMessage(message), receivedAt);
    activity.messageStored(room, message);
  }

  Mono<?> startDm(ChatSocket socket, Requests.StartDm request) {
    if (!UserIds.isValid(request.recipientId())) {
      return Mono.error(ChatException.badRequest("recipientId is not a valid user id"));
    }
    if (UserIds.canonical(request.recipientId()).equals(socket.userKey())) {
      return Mono.error(ChatException.badRequest("a DM needs another user"));
    }
    return users
        .find(request.recipientId())
        .switchIfEmpty(Mono.error(() -> ChatException.notFound("no such user")))
        .flatMap(recipient -> rooms.openDm(socket.userId(), recipient))
        .flatMap(
            room ->
                messages
                    .history(room.id(), null, PageSize.DEFAULT)
                    .map(
                        page -> {
                          List<Message> latest = page.messages();
                          long lastSeq = latest.isEmpty() ? 0 : latest.get(latest.size() - 1).seq();
                          activity.dmStarted(socket.userId(), room, otherMember(room, socket));
                          return new Acks.DmStarted(true, room.summary(lastSeq), latest);
                        }));
  }

  private static String otherMember(Room room, ChatSocket socket) {
    return room.members().stream()
        .filter(m -> !UserIds.canonical(m).equals(socket.userKey()))
        .findFirst()
        .orElse(socket.userId());
  }

  Mono<?> typing(ChatSocket socket, Requests.Typing request) {
    return rooms
        .accessible(request.room(), socket.userId())
        .map(
            room -> {
              typing.typing(socket, room, request.isTyping());
              return Acks.OK;
            });
  }

  Mono<?> loadHistory(ChatSocket socket, Requests.LoadHistory request) {
    return rooms
        .accessible(request.room(), socket.userId())
        .flatMap(room -> messages.history(room.id(), request.beforeSeq(), request.limit()))
        .map(page -> new Acks.History(true, page.messages(), page.hasMore()));
  }
}
