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
 * decoded and dispatched in order on the inbound thread (protocol packets answered at once, events
 * queued and run with bounded concurrency, a bounded queue answering {@code rate_limited} when
 * full); outbound frames leave through the connection's bounded queue; the connection terminates
 * exactly once, whichever side ends it.
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
            .doOnNext(connection::dispatch)
            .doOnComplete(() -> connection.terminate(CloseReason.TRANSPORT_CLOSE))
            .doOnError(error -> connection.terminate(CloseReason.TRANSPORT_ERROR))
            .then();

    Mono<Void> outbound = ws.send(connection.outbound());

    // Events run beside the connection, not inside it: closing the connection does not cancel an
    // event the listener is processing.
    connection.processEvents().subscribe();

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
