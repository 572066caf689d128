package chat.messaging.socketio;

import chat.messaging.socketio.codec.ProtocolError;
import chat.messaging.socketio.codec.SocketIoCodec;
import chat.messaging.socketio.codec.SocketIoPacket;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * The events of one connection on their way to the {@link SocketListener}: queued in arrival order
 * (bounded: {@code maxQueuedEvents}), run with at most {@code maxInFlightEvents} at once, each
 * answered with its ack. Reading the connection never waits for the listener.
 */
final class EventQueue {

  private static final Logger log = LoggerFactory.getLogger(EventQueue.class);

  private final SocketListener listener;
  private final SocketIoProperties properties;
  private final SocketIoMetrics metrics;
  private final Consumer<byte[]> send;
  // Written by the inbound dispatch only (serialized), completed once by the connection.
  private final Sinks.Many<PendingEvent> pending;

  EventQueue(
      SocketListener listener,
      SocketIoProperties properties,
      SocketIoMetrics metrics,
      Consumer<byte[]> send) {
    this.listener = listener;
    this.properties = properties;
    this.metrics = metrics;
    this.send = send;
    this.pending =
        Sinks.many()
            .unicast()
            .onBackpressureBuffer(Queues.<PendingEvent>get(properties.maxQueuedEvents()).get());
  }

  /** Queues an event; a full queue is answered {@code rate_limited} at once. */
  void offer(NamespaceSocket socket, SocketIoPacket packet) {
    if (pending.tryEmitNext(new PendingEvent(socket, packet, System.nanoTime())).isFailure()) {
      metrics.protocolError(ProtocolError.EVENT_QUEUE_FULL);
      if (packet.ackId() != null) {
        send.accept(
            SocketIoCodec.ack(
                packet.ackId(), Acks.error("rate_limited", "too many events in flight")));
      }
    }
  }

  /**
   * Runs the queued events: the listener is called in arrival order, at most {@code
   * maxInFlightEvents} run at once; completes once {@link #complete()} was called and the events in
   * flight finished. Not cancelled with the connection: an event the listener started (a message
   * being stored) runs to its end; its ack is dropped if the socket is gone.
   */
  Mono<Void> run() {
    return pending.asFlux().flatMap(this::process, properties.maxInFlightEvents()).then();
  }

  /** No more events: what is still queued is skipped once its socket is disconnected. */
  void complete() {
    // Retried: the inbound thread may be queueing an event at this very moment.
    pending.emitComplete(Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1)));
  }

  private Mono<Void> process(PendingEvent event) {
    NamespaceSocket socket = event.socket();
    if (!socket.isConnected()) {
      return Mono.empty();
    }
    SocketIoPacket packet = event.packet();
    String name = packet.eventName();
    Long ackId = packet.ackId();
    return Mono.defer(() -> listener.onEvent(socket, name, packet.eventPayload()))
        .timeout(properties.eventTimeout())
        .map(Answer::new)
        .defaultIfEmpty(Answer.NONE)
        .onErrorResume(
            e -> {
              // Only known names reach the log: the client chooses the others.
              log.warn("event {} failed", properties.metricEvents().contains(name) ? name : "?", e);
              return Mono.just(new Answer(Acks.internal()));
            })
        .doOnNext(
            answer -> {
              if (ackId != null && socket.isConnected()) {
                send.accept(ackFrame(ackId, answer.payload()));
                metrics.acked(name, event.receivedNanos());
              }
            })
        .then();
  }

  private static byte[] ackFrame(long ackId, Object payload) {
    try {
      return SocketIoCodec.ack(ackId, payload);
    } catch (RuntimeException e) {
      log.warn("ack payload cannot be serialized", e);
      return SocketIoCodec.ack(ackId, Acks.internal());
    }
  }

  private record PendingEvent(NamespaceSocket socket, SocketIoPacket packet, long receivedNanos) {}

  /** An ack payload; {@code null} when the listener answered with an empty Mono. */
  private record Answer(Object payload) {
    static final Answer NONE = new Answer(null);
  }
}
