package chat.messaging.socketio;

import chat.events.auth.JwtTokens;
import io.netty.channel.Channel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.SmartLifecycle;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Mono;

/**
 * The per-connection pipeline, top to bottom: inbound frames are copied out of Netty's buffers,
 * decoded and dispatched in order on the inbound thread (protocol packets answered at once, events
 * queued and run with bounded concurrency, a bounded queue answering {@code rate_limited} when
 * full); outbound frames are written straight to the connection's Netty channel, bounded per
 * connection ({@link ChannelOutbound}); the connection terminates exactly once, whichever side ends
 * it.
 *
 * <p>On shutdown every connection is closed with 1001 so that clients reconnect to another replica
 * at once rather than after a ping timeout.
 */
final class SocketIoHandler implements SmartLifecycle {

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

  /**
   * Runs one upgraded connection until it ends.
   *
   * @param channel the Netty channel under {@code ws}: frames are written to it directly (Spring's
   *     session does not expose it)
   */
  Mono<Void> handle(WebSocketSession ws, Channel channel) {
    EngineConnection connection =
        new EngineConnection(ws, channel, listener, tokens, properties, metrics);
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

    // Events run beside the connection, not inside it: closing the connection does not cancel an
    // event the listener is processing.
    connection.processEvents().subscribe();

    // Completing the handler ends the WebSocket: normally when the client's side ended, at the
    // latest a grace period after the connection terminated (a peer that stopped reading).
    return Mono.firstWithSignal(inbound.onErrorComplete(), connection.closeGraceExpired())
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
