package chat.messaging.chat;

import chat.events.ConnectionEvent;
import chat.messaging.MessagingProperties;
import chat.messaging.activity.ActivityEvents;
import chat.messaging.connection.ChatSocket;
import chat.messaging.connection.ConnectionPublisher;
import chat.messaging.connection.LocalSockets;
import chat.messaging.connection.TokenBucket;
import chat.messaging.error.ChatException;
import chat.messaging.error.ErrorCode;
import chat.messaging.socketio.SocketListener;
import chat.messaging.socketio.SocketSession;
import chat.messaging.typing.TypingRelay;
import java.time.Instant;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The chat layer's entry point: tracks sockets, publishes their connection and activity events, and
 * answers every client event with an ack. Refusals become {@code {ok: false, error}} acks without
 * closing the socket; unexpected failures become {@code internal} and are logged.
 */
@Component
class ChatSocketListener implements SocketListener {

  private static final Logger log = LoggerFactory.getLogger(ChatSocketListener.class);
  private static final Set<String> EVENTS =
      Set.of("joinChat", "sendMessage", "startDM", "typing", "loadHistory");

  private final LocalSockets sockets;
  private final ChatHandlers handlers;
  private final TypingRelay typing;
  private final ConnectionPublisher connections;
  private final ActivityEvents activity;
  private final MessagingProperties properties;

  ChatSocketListener(
      LocalSockets sockets,
      ChatHandlers handlers,
      TypingRelay typing,
      ConnectionPublisher connections,
      ActivityEvents activity,
      MessagingProperties properties) {
    this.sockets = sockets;
    this.handlers = handlers;
    this.typing = typing;
    this.connections = connections;
    this.activity = activity;
    this.properties = properties;
  }

  @Override
  public void onConnect(SocketSession session) {
    int rate = properties.messageRateLimitPerSecond();
    ChatSocket socket =
        new ChatSocket(session, new TokenBucket(rate, 2.0 * rate, System.nanoTime()));
    sockets.add(socket);
    connections.publish(connectionEvent(ConnectionEvent.Type.CONNECTED, socket));
    activity.userConnected(socket.userId(), socket.id());
  }

  @Override
  public void onDisconnect(SocketSession session, String reason) {
    ChatSocket socket = sockets.remove(session.id());
    if (socket == null) {
      return;
    }
    typing.disconnected(socket);
    connections.publish(connectionEvent(ConnectionEvent.Type.DISCONNECTED, socket));
    activity.userDisconnected(socket.userId(), socket.id(), reason);
  }

  @Override
  public Mono<Object> onEvent(SocketSession session, String event, JsonNode payload) {
    // Ack latency is measured by the Socket.IO layer (chat.socketio.ack.latency).
    return Mono.defer(() -> dispatch(session, event, payload))
        .cast(Object.class)
        .onErrorResume(ChatException.class, e -> Mono.just(Acks.failed(e)))
        .onErrorResume(
            e -> {
              log.error("{} failed", EVENTS.contains(event) ? event : "event", e);
              return Mono.just(Acks.failed(ErrorCode.INTERNAL, "something went wrong, try again"));
            });
  }

  private Mono<?> dispatch(SocketSession session, String event, JsonNode payload) {
    ChatSocket socket = sockets.get(session.id());
    if (socket == null) {
      return Mono.error(new ChatException(ErrorCode.UNAUTHORIZED, "not connected"));
    }
    return switch (event) {
      case "joinChat" -> handlers.joinChat(socket, Requests.joinChat(payload));
      case "sendMessage" -> handlers.sendMessage(socket, Requests.sendMessage(payload));
      case "startDM" -> handlers.startDm(socket, Requests.startDm(payload));
      case "typing" -> handlers.typing(socket, Requests.typing(payload));
      case "loadHistory" -> handlers.loadHistory(socket, Requests.loadHistory(payload));
      default -> Mono.error(ChatException.badRequest("unknown event"));
    };
  }

  private ConnectionEvent connectionEvent(ConnectionEvent.Type type, ChatSocket socket) {
    return new ConnectionEvent(
        type, socket.userId(), socket.id(), properties.instanceId(), Instant.now());
  }
}
