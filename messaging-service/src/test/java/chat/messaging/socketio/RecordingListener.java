package chat.messaging.socketio;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

/**
 * A chat layer stand-in that records every call and answers a few test events: {@code echo} (acks
 * {@code {ok:true, payload, size}}), {@code slow} (acks after {@code payload.ms}), {@code fail}
 * (errors), {@code flood} (emits {@code payload.count} events of {@code payload.size} bytes from
 * another thread, about 10 per millisecond), {@code kick} (server-side disconnect); anything else
 * gets {@code bad_request}.
 */
final class RecordingListener implements SocketListener {

  final List<SocketSession> connected = new CopyOnWriteArrayList<>();
  final Map<String, List<String>> disconnects = new ConcurrentHashMap<>();
  final List<String> events = new CopyOnWriteArrayList<>();

  @Override
  public void onConnect(SocketSession session) {
    connected.add(session);
    session.emit("welcome", Map.of("id", session.id(), "user", session.user().userId()));
  }

  @Override
  public Mono<Object> onEvent(SocketSession session, String event, JsonNode payload) {
    events.add(event);
    return switch (event) {
      case "echo" ->
          Mono.just(
              Map.of(
                  "ok",
                  true,
                  "payload",
                  payload,
                  "size",
                  payload.path("text").asString("").length()));
      case "slow" ->
          Mono.delay(Duration.ofMillis(payload.path("ms").asLong(100)))
              .map(tick -> Map.of("ok", true));
      case "fail" -> Mono.error(new IllegalStateException("boom: must never reach the client"));
      case "flood" -> {
        int count = payload.path("count").asInt(1000);
        String text = "z".repeat(payload.path("size").asInt(1000));
        Flux.range(0, count)
            .buffer(10)
            .delayElements(Duration.ofMillis(1), Schedulers.boundedElastic())
            .subscribe(
                batch -> batch.forEach(i -> session.emit("flooded", Map.of("i", i, "text", text))));
        yield Mono.just(Map.of("ok", true));
      }
      case "kick" -> {
        session.disconnect();
        yield Mono.empty();
      }
      default ->
          Mono.just(
              Map.of(
                  "ok", false, "error", Map.of("code", "bad_request", "message", "unknown event")));
    };
  }

  @Override
  public void onDisconnect(SocketSession session, String reason) {
    disconnects.computeIfAbsent(session.id(), id -> new CopyOnWriteArrayList<>()).add(reason);
  }

  /** Disconnect reasons recorded for {@code sessionId}, in order (exactly one expected). */
  List<String> disconnectsOf(String sessionId) {
    return disconnects.getOrDefault(sessionId, List.of());
  }
}
