package chat.messaging.socketio;

import chat.messaging.socketio.codec.ProtocolError;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** The endpoint's meters; every tag value comes from a fixed set. */
final class SocketIoMetrics {

  private final MeterRegistry registry;
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger sockets = new AtomicInteger();
  private final Counter framesIn;
  private final Counter framesOut;
  private final Map<ProtocolError, Counter> errors = new EnumMap<>(ProtocolError.class);
  private final Map<String, Timer> ackLatency;
  private final Timer unknownAckLatency;
  private final Map<String, Counter> disconnects = new ConcurrentHashMap<>();

  SocketIoMetrics(MeterRegistry registry, SocketIoProperties properties) {
    this.registry = registry;
    Gauge.builder("chat.socketio.connections", connections, AtomicInteger::get)
        .description("Open Engine.IO (WebSocket) connections")
        .register(registry);
    Gauge.builder("chat.socketio.sockets", sockets, AtomicInteger::get)
        .description("Authenticated namespace sockets")
        .register(registry);
    framesIn = frames("in");
    framesOut = frames("out");
    for (ProtocolError error : ProtocolError.values()) {
      errors.put(
          error,
          Counter.builder("chat.socketio.protocol.errors")
              .description("Inbound frames or packets refused, by kind")
              .tag("kind", error.tag())
              .register(registry));
    }
    Function<String, Timer> timer =
        event ->
            Timer.builder("chat.socketio.ack.latency")
                .description("From an event frame received to its ack queued for sending")
                .tag("event", event)
                .publishPercentileHistogram()
                .register(registry);
    ackLatency = new ConcurrentHashMap<>();
    properties.metricEvents().forEach(event -> ackLatency.put(event, timer.apply(event)));
    unknownAckLatency = timer.apply("unknown");
  }

  private Counter frames(String direction) {
    return Counter.builder("chat.socketio.frames")
        .description("WebSocket frames received (in) and sent (out)")
        .tag("direction", direction)
        .register(registry);
  }

  void connectionOpened() {
    connections.incrementAndGet();
  }

  void connectionClosed(String reason) {
    connections.decrementAndGet();
    disconnects
        .computeIfAbsent(
            reason,
            r ->
                Counter.builder("chat.socketio.disconnects")
                    .description("Closed connections, by reason")
                    .tag("reason", r)
                    .register(registry))
        .increment();
  }

  void socketConnected() {
    sockets.incrementAndGet();
  }

  void socketDisconnected() {
    sockets.decrementAndGet();
  }

  void frameIn() {
    framesIn.increment();
  }

  void frameOut() {
    framesOut.increment();
  }

  void protocolError(ProtocolError error) {
    errors.get(error).increment();
  }

  void acked(String event, long startNanos) {
    ackLatency
        .getOrDefault(event, unknownAckLatency)
        .record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
  }

  int openConnections() {
    return connections.get();
  }
}
