package chat.messaging.socketio;

import chat.events.auth.AuthenticatedUser;
import chat.events.auth.InvalidTokenException;
import chat.events.auth.JwtTokens;
import chat.messaging.socketio.codec.EngineIoFrames;
import chat.messaging.socketio.codec.EngineIoPacket;
import chat.messaging.socketio.codec.PacketException;
import chat.messaging.socketio.codec.ProtocolError;
import chat.messaging.socketio.codec.SocketIoCodec;
import chat.messaging.socketio.codec.SocketIoPacket;
import io.netty.channel.Channel;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.JsonNode;

/**
 * One Engine.IO connection over one WebSocket: its bounded outbound frames, its heartbeat, and the
 * dispatch of its inbound frames to the {@link NamespaceSocket} and the {@link SocketListener}.
 * {@link SocketIoHandler} wires it into the WebSocket pipeline.
 */
final class EngineConnection {

  private static final Logger log = LoggerFactory.getLogger(EngineConnection.class);

  /** How long a closing connection may take to finish the close handshake before it is cut. */
  private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

  private final WebSocketSession ws;
  private final String sid;
  private final SocketListener listener;
  private final JwtTokens tokens;
  private final SocketIoProperties properties;
  private final SocketIoMetrics metrics;

  private final Executor executor;
  private final ChannelOutbound outbound;
  private final EventQueue events;
  private final Sinks.Many<Boolean> pongs = Sinks.many().multicast().directBestEffort();
  private final AtomicReference<CloseReason> closing = new AtomicReference<>();
  private final AtomicBoolean terminated = new AtomicBoolean();
  private final Sinks.Empty<Void> terminatedSignal = Sinks.empty();
  private final Disposable.Swap heartbeat = Disposables.swap();
  private final Disposable.Swap connectTimer = Disposables.swap();
  private volatile NamespaceSocket socket;
  private int pendingAttachments; // touched by the inbound dispatch only, which is serialized

  EngineConnection(
      WebSocketSession ws,
      Channel channel,
      SocketListener listener,
      JwtTokens tokens,
      SocketIoProperties properties,
      SocketIoMetrics metrics) {
    this.ws = ws;
    this.sid = Ids.random();
    this.listener = listener;
    this.tokens = tokens;
    this.properties = properties;
    this.metrics = metrics;
    this.executor = channel.eventLoop();
    this.outbound =
        new ChannelOutbound(channel, properties.outboundQueueFrames(), metrics::frameOut);
    this.events = new EventQueue(listener, properties, metrics, this::send);
  }

  /** Queues the open packet and starts the heartbeat and the connect timeout. */
  void open() {
    metrics.connectionOpened();
    send(
        EngineIoFrames.open(
            sid, properties.pingInterval(), properties.pingTimeout(), properties.maxPayload()));
    // Engine.IO v4: the server pings pingInterval after each pong and waits pingTimeout for the
    // next pong. Every pong restarts the cycle (switchMap cancels the pending timers).
    heartbeat.update(
        pongs
            .asFlux()
            .startWith(true)
            .switchMap(
                pong ->
                    Mono.delay(properties.pingInterval())
                        .doOnNext(tick -> send(EngineIoFrames.ping()))
                        .then(Mono.delay(properties.pingTimeout())))
            .subscribe(timedOut -> close(CloseReason.PING_TIMEOUT)));
    startConnectTimer();
  }

  /** See {@link SocketSession#executor()}. */
  Executor executor() {
    return executor;
  }

  /** Writes {@code frame}; false if the connection is gone or the client is too slow. */
  boolean send(byte[] frame) {
    if (closing.get() != null || terminated.get()) {
      return false;
    }
    return switch (outbound.offer(frame)) {
      case WRITTEN -> true;
      case CLOSED -> false;
      case FULL -> {
        close(CloseReason.SLOW_CONSUMER);
        yield false;
      }
    };
  }

  /** Runs this connection's events; see {@link EventQueue#run()}. */
  Mono<Void> processEvents() {
    return events.run();
  }

  /**
   * Handles one inbound frame at once, on the inbound thread: protocol packets are answered, events
   * are queued for {@link #processEvents()}. Never waits for the listener, so pongs are read even
   * while events are slow.
   */
  void dispatch(InboundFrame frame) {
    if (closing.get() != null || terminated.get()) {
      return; // frames still in flight after a close: nobody to answer
    }
    switch (frame.kind()) {
      case CONTROL -> {}
      case BINARY -> {
        if (pendingAttachments > 0) {
          pendingAttachments--; // an attachment of a refused binary packet: skipped
        } else {
          violation(ProtocolError.UNEXPECTED_BINARY, CloseReason.UNSUPPORTED_DATA);
        }
      }
      case TEXT -> {
        pendingAttachments = 0;
        try {
          onEnginePacket(EngineIoPacket.decode(frame.text()));
        } catch (PacketException e) {
          violation(e.error(), CloseReason.NOT_SOCKET_IO);
        }
      }
    }
  }

  private void onEnginePacket(EngineIoPacket packet) {
    switch (packet.type()) {
      case PONG -> pongs.tryEmitNext(true);
      case PING -> send(EngineIoFrames.pong(packet.data()));
      case MESSAGE -> onSocketIoPacket(packet.data());
      case CLOSE -> close(CloseReason.TRANSPORT_CLOSE);
      case NOOP, UPGRADE -> {}
      case OPEN -> violation(ProtocolError.NOT_ENGINE_IO, CloseReason.NOT_SOCKET_IO);
    }
  }

  private void onSocketIoPacket(String data) {
    SocketIoPacket packet;
    try {
      packet = SocketIoCodec.decode(data);
    } catch (PacketException e) {
      if (e.error().closesConnection()) {
        violation(e.error(), CloseReason.NOT_SOCKET_IO);
      } else {
        pendingAttachments = e.attachments();
        refuse(e.error(), e.ackId(), "malformed packet: " + e.getMessage());
      }
      return;
    }
    pendingAttachments = packet.attachments();
    if (!SocketIoPacket.DEFAULT_NAMESPACE.equals(packet.namespace())) {
      if (packet.type() == SocketIoPacket.Type.CONNECT) {
        send(SocketIoCodec.connectError(packet.namespace(), "Invalid namespace"));
      }
      refuse(ProtocolError.UNKNOWN_NAMESPACE, null, null);
      return;
    }
    NamespaceSocket current = socket;
    switch (packet.type()) {
      case CONNECT -> onConnect(packet.data());
      case DISCONNECT -> disconnectSocket(current, "client namespace disconnect");
      case EVENT -> {
        if (current == null) {
          refuse(ProtocolError.NOT_CONNECTED, packet.ackId(), "not connected");
        } else {
          events.offer(current, packet);
        }
      }
      case BINARY_EVENT ->
          refuse(
              ProtocolError.BINARY_UNSUPPORTED, packet.ackId(), "binary events are not supported");
      case ACK, CONNECT_ERROR, BINARY_ACK -> refuse(ProtocolError.UNEXPECTED_PACKET, null, null);
    }
  }

  private void onConnect(JsonNode auth) {
    if (socket != null) {
      refuse(ProtocolError.UNEXPECTED_PACKET, null, null);
      return;
    }
    AuthenticatedUser user;
    try {
      // socket.io-client sends the `auth` option itself as the CONNECT data: {"token": ...}
      JsonNode token = auth.has("token") ? auth.path("token") : auth.path("auth").path("token");
      user = tokens.verify(token.isString() ? token.asString() : null);
    } catch (InvalidTokenException e) {
      metrics.protocolError(ProtocolError.UNAUTHORIZED);
      send(SocketIoCodec.connectError(SocketIoPacket.DEFAULT_NAMESPACE, "unauthorized"));
      return;
    }
    NamespaceSocket connected = new NamespaceSocket(Ids.random(), user, this);
    socket = connected;
    connectTimer.update(Disposables.disposed());
    metrics.socketConnected();
    send(SocketIoCodec.connected(connected.id()));
    try {
      listener.onConnect(connected);
    } catch (RuntimeException e) {
      log.warn("SocketListener.onConnect failed", e);
    }
  }

  /** Counts a refused packet and answers it with a bad_request ack when it has an ack id. */
  private void refuse(ProtocolError error, Long ackId, String message) {
    metrics.protocolError(error);
    if (ackId != null) {
      send(SocketIoCodec.ack(ackId, Acks.badRequest(message)));
    }
  }

  private void violation(ProtocolError error, CloseReason reason) {
    metrics.protocolError(error);
    close(reason);
  }

  /** {@link SocketSession#disconnect()}: DISCONNECT to the client, which then closes by itself. */
  void disconnectFromServer(NamespaceSocket target) {
    if (socket == target && target.isConnected()) {
      send(SocketIoCodec.disconnect());
      disconnectSocket(target, "server namespace disconnect");
    }
  }

  private void disconnectSocket(NamespaceSocket target, String reason) {
    if (target == null || !target.markDisconnected()) {
      return;
    }
    if (socket == target) {
      socket = null;
      startConnectTimer(); // the client may CONNECT again on this connection, or must go away
    }
    metrics.socketDisconnected();
    try {
      listener.onDisconnect(target, reason);
    } catch (RuntimeException e) {
      log.warn("SocketListener.onDisconnect failed", e);
    }
  }

  private void startConnectTimer() {
    if (!terminated.get()) {
      connectTimer.update(
          Mono.delay(properties.connectTimeout())
              .subscribe(
                  tick -> {
                    if (socket == null) {
                      close(CloseReason.CONNECT_TIMEOUT);
                    }
                  }));
    }
  }

  /** Closes the WebSocket with the reason's status, then terminates. */
  void close(CloseReason reason) {
    if (!closing.compareAndSet(null, reason)) {
      return;
    }
    // After the close frame no frame is written (send checks closing). Not waiting for the write:
    // a peer that does not read would never let it complete.
    ws.close(reason.status()).onErrorComplete().subscribe();
    terminate(reason);
  }

  /**
   * Signals {@link #CLOSE_GRACE} after the connection terminated: a peer that never answers the
   * close handshake (or never reads) is cut off then.
   */
  Mono<Void> closeGraceExpired() {
    return terminatedSignal.asMono().then(Mono.delay(CLOSE_GRACE)).then();
  }

  /**
   * Ends the connection exactly once: timers stopped, the socket's onDisconnect called, no more
   * frames sent (those already written still reach the client if it reads).
   */
  void terminate(CloseReason reason) {
    if (!terminated.compareAndSet(false, true)) {
      return;
    }
    if (closing.get() != null) {
      reason = closing.get(); // the server closed: its reason, not the transport close it caused
    }
    heartbeat.dispose();
    connectTimer.dispose();
    disconnectSocket(socket, reason.socketIoReason());
    events.complete();
    terminatedSignal.tryEmitEmpty();
    metrics.connectionClosed(reason.tag());
  }
}
