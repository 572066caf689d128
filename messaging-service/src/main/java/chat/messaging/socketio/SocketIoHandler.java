package chat.messaging.socketio;

import chat.events.auth.JwtTokens;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.SmartLifecycle;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Mono;

/**
 * The per-connection pipeline, top to bottom: inbound frames are copied out of Netty's buffers,
 * decoded and dispatched in order (events run with bounded concurrency, which also bounds reading:
 * a socket with too many events in flight is not read until one finishes); outbound frames leave
 * through the connection's bounded queue; the connection terminates exactly once, whichever side
 * ends it.
 *
 * <p>On shutdown every connection is closed with 1001 so that clients reconnect to another replica
 * at once rather than after a ping timeout.
 */
final class SocketIoHandler implements WebSocketHandler, SmartLifecycle {

  private final SocketListener listener;
  private final JwtTokens tokens;
  private final SocketIoProperties properties;
  private final SocketIoMetrics metrics;
  private final Set<EngineConnection> connections = ConcurrentHashMap.newKeySet();
  private volatile boolean running;

  SocketIoHandler(
      SocketListener listener,
      JwtTokens tokens,
      SocketIoProperties properties,
      SocketIoMetrics metrics) {
    this.listener = listener;
    this.tokens = tokens;
    this.properties = properties;
    this.metrics = metrics;
  }

  @Override
  public Mono<Void> handle(WebSocketSession ws) {
    EngineConnection connection = new EngineConnection(ws, listener, tokens, properties, metrics);
    connections.add(connection);
    connection.open();
    if (!running) {
      connection.close(CloseReason.SHUTDOWN);
    }

    Mono<Void> inbound =
        ws.receive()
            .doOnNext(frame -> metrics.frameIn())
            .map(InboundFrame::copyOf)
            .doOnComplete(() -> connection.terminate(CloseReason.TRANSPORT_CLOSE))
            .doOnError(error -> connection.terminate(CloseReason.TRANSPORT_ERROR))
            .flatMap(connection::dispatch, properties.maxInFlightEvents())
            .then();

    Mono<Void> outbound = ws.send(connection.outbound());

    Mono<Void> bothEnded = Mono.zip(inbound.onErrorComplete(), outbound.onErrorComplete()).then();

    // Completing the handler ends the WebSocket: normally when both directions ended, at the
    // latest a grace period after the connection terminated (a peer that stopped reading).
    return Mono.firstWithSignal(bothEnded, connection.closeGraceExpired())
        .doFinally(
            signal -> {
              connection.terminate(CloseReason.TRANSPORT_CLOSE);
              connections.remove(connection);
            });
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    connections.forEach(connection -> connection.close(CloseReason.SHUTDOWN));
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
