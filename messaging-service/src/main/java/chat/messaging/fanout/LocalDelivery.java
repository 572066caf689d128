package chat.messaging.fanout;

import chat.messaging.connection.ChatSocket;
import chat.messaging.connection.LocalSockets;
import chat.messaging.socketio.EncodedEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.util.RawValue;

/**
 * Hands one event to the matching sockets of this replica. The Socket.IO frame is built once for
 * the whole replica ({@link EncodedEvent}) and shared by every socket, and the sockets are emitted
 * to from their own event loop, one task per loop: an emit from elsewhere costs each socket a
 * cross-thread hand-over and a wake-up (40,000 a second at the benchmark's load).
 */
final class LocalDelivery {

  private final LocalSockets sockets;
  private final MeterRegistry registry;
  private final Map<String, Counter> deliveries = new ConcurrentHashMap<>();
  private final Timer latency;

  LocalDelivery(LocalSockets sockets, MeterRegistry registry) {
    this.sockets = sockets;
    this.registry = registry;
    this.latency =
        Timer.builder("chat.fanout.latency")
            .description(
                "From receiving a sendMessage to handing newMessage to this replica's sockets")
            .publishPercentileHistogram()
            .register(registry);
  }

  /**
   * @param sentAtMicros epoch microseconds when the originating request arrived, for the latency
   *     histogram; 0 to not record
   */
  void deliver(Audience audience, String event, String payloadJson, long sentAtMicros) {
    Map<Executor, List<ChatSocket>> byLoop = new IdentityHashMap<>();
    int count = 0;
    if (audience.members() == null) {
      for (ChatSocket socket : sockets.all()) {
        if (!socket.userKey().equals(audience.except())) {
          byLoop.computeIfAbsent(socket.executor(), loop -> new ArrayList<>()).add(socket);
          count++;
        }
      }
    } else {
      for (String member : audience.members()) {
        if (member.equals(audience.except())) {
          continue;
        }
        for (ChatSocket socket : sockets.ofUser(member)) {
          byLoop.computeIfAbsent(socket.executor(), loop -> new ArrayList<>()).add(socket);
          count++;
        }
      }
    }
    if (count > 0) {
      EncodedEvent encoded = EncodedEvent.of(event, new RawValue(payloadJson));
      byLoop.forEach((loop, group) -> emitOn(loop, group, encoded));
      counter(event).increment(count);
    }
    if (sentAtMicros > 0) {
      long micros = Math.max(0, Clocks.epochMicros() - sentAtMicros);
      latency.record(micros, TimeUnit.MICROSECONDS);
    }
  }

  private static void emitOn(Executor loop, List<ChatSocket> group, EncodedEvent event) {
    try {
      loop.execute(() -> group.forEach(socket -> socket.emit(event)));
    } catch (RejectedExecutionException e) {
      // The event loop is shutting down with its connections: nobody left to deliver to.
    }
  }

  private Counter counter(String event) {
    return deliveries.computeIfAbsent(
        event,
        e ->
            Counter.builder("chat.fanout.deliveries")
                .description("Events handed to sockets of this replica")
                .tag("event", e)
                .register(registry));
  }
}
