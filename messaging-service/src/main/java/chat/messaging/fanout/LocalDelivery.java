package chat.messaging.fanout;

import chat.messaging.connection.ChatSocket;
import chat.messaging.connection.LocalSockets;
import chat.messaging.socketio.EncodedEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.util.RawValue;

/**
 * Hands one event to the matching sockets of this replica. The Socket.IO frame is built once for
 * the whole replica ({@link EncodedEvent}) and shared by every socket.
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
    EncodedEvent encoded = null;
    int count = 0;
    if (audience.members() == null) {
      for (ChatSocket socket : sockets.all()) {
        if (!socket.userKey().equals(audience.except())) {
          encoded = encoded != null ? encoded : encode(event, payloadJson);
          socket.emit(encoded);
          count++;
        }
      }
    } else {
      for (String member : audience.members()) {
        if (member.equals(audience.except())) {
          continue;
        }
        for (ChatSocket socket : sockets.ofUser(member)) {
          encoded = encoded != null ? encoded : encode(event, payloadJson);
          socket.emit(encoded);
          count++;
        }
      }
    }
    if (count > 0) {
      counter(event).increment(count);
    }
    if (sentAtMicros > 0) {
      long micros = Math.max(0, Clocks.epochMicros() - sentAtMicros);
      latency.record(micros, TimeUnit.MICROSECONDS);
    }
  }

  private static EncodedEvent encode(String event, String payloadJson) {
    return EncodedEvent.of(event, new RawValue(payloadJson));
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
