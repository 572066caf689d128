package chat.messaging.testing;

import static org.awaitility.Awaitility.await;

import chat.events.EventJson;
import chat.messaging.socketio.SocketListener;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.util.RawValue;

/**
 * Drives the chat layer the way the Socket.IO layer does, with a {@link FakeSocketSession}: events
 * in, acks and server events out, everything as JSON.
 */
public final class ChatClient {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private final SocketListener listener;
  private final FakeSocketSession session;

  private ChatClient(SocketListener listener, String userId) {
    this.listener = listener;
    this.session = new FakeSocketSession(userId);
  }

  /** A connected socket of {@code userId}. */
  public static ChatClient connect(SocketListener listener, String userId) {
    ChatClient client = new ChatClient(listener, userId);
    listener.onConnect(client.session);
    return client;
  }

  public String socketId() {
    return session.id();
  }

  /** Sends {@code event} with {@code payloadJson} (null: no payload) and returns the ack. */
  public JsonNode ack(String event, String payloadJson) {
    JsonNode payload =
        payloadJson == null ? MissingNode.getInstance() : EventJson.mapper().readTree(payloadJson);
    Object ack = listener.onEvent(session, event, payload).block(WAIT);
    return EventJson.mapper().valueToTree(ack);
  }

  /** Opens (or reopens) the DM with {@code recipientId}; returns its room id. */
  public String startDm(String recipientId) {
    return ack("startDM", "{\"recipientId\":\"" + recipientId + "\"}")
        .path("room")
        .path("id")
        .asString();
  }

  /** Sends every payload at once, without waiting for acks in between; the acks in order. */
  public List<JsonNode> ackAll(String event, List<String> payloadsJson) {
    return Flux.fromIterable(payloadsJson)
        .map(json -> EventJson.mapper().readTree(json))
        .flatMapSequential(payload -> listener.onEvent(session, event, payload), 256)
        .map(ack -> (JsonNode) EventJson.mapper().valueToTree(ack))
        .collectList()
        .block(WAIT);
  }

  /** The payloads of every {@code event} received so far. */
  public List<JsonNode> events(String event) {
    return session.emitted(event).stream().map(e -> json(e.payload())).toList();
  }

  /** Waits for an {@code event} whose payload matches. */
  public JsonNode awaitEvent(String event, Predicate<JsonNode> matching) {
    return await()
        .atMost(WAIT)
        .until(
            () -> events(event).stream().filter(matching).findFirst().orElse(null),
            found -> found != null);
  }

  public void disconnect() {
    listener.onDisconnect(session, "client namespace disconnect");
  }

  private static JsonNode json(Object payload) {
    if (payload instanceof RawValue raw) {
      return EventJson.mapper().readTree(raw.rawValue().toString());
    }
    return EventJson.mapper().valueToTree(payload);
  }
}
