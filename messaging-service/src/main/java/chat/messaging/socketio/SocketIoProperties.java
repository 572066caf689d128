package chat.messaging.socketio;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the Socket.IO endpoint, prefix {@code chat.socketio} (environment: {@code
 * CHAT_SOCKETIO_PING_INTERVAL}, ...).
 *
 * @param pingInterval how long after the handshake, and after each pong, the server sends the next
 *     ping (announced to the client in the open packet); default 25 s
 * @param pingTimeout how long the server waits for the pong before it drops the peer (also
 *     announced); default 20 s
 * @param maxPayload largest frame accepted, in bytes, announced as {@code maxPayload}; a bigger
 *     frame closes the connection with 1009; default 1,000,000
 * @param connectTimeout how long a connection may stay open without a connected namespace socket;
 *     default 45 s (as Socket.IO's server)
 * @param outboundQueueFrames frames queued for one client at most; past it the client is too slow
 *     and its connection is closed (1013) so it cannot hurt the others; default 2048
 * @param maxInFlightEvents events of one socket being processed by the listener at once; default 16
 * @param maxQueuedEvents events of one socket waiting for a free slot; past it an event is answered
 *     {@code rate_limited} at once (the connection keeps being read, so pongs are never stuck
 *     behind slow events); default 256
 * @param eventTimeout longest a listener may take to answer one event before the client gets an
 *     {@code internal} error ack; default 30 s
 * @param metricEvents event names used as the {@code event} tag of the ack latency timer; any other
 *     name is tagged {@code unknown} so that clients cannot grow the tag set
 */
@ConfigurationProperties("chat.socketio")
public record SocketIoProperties(
    @DefaultValue("25s") Duration pingInterval,
    @DefaultValue("20s") Duration pingTimeout,
    @DefaultValue("1000000") int maxPayload,
    @DefaultValue("45s") Duration connectTimeout,
    @DefaultValue("2048") int outboundQueueFrames,
    @DefaultValue("16") int maxInFlightEvents,
    @DefaultValue("256") int maxQueuedEvents,
    @DefaultValue("30s") Duration eventTimeout,
    @DefaultValue({"joinChat", "sendMessage", "startDM", "typing", "loadHistory"})
        List<String> metricEvents) {

  public SocketIoProperties {
    if (pingInterval.isNegative() || pingInterval.isZero()) {
      throw new IllegalArgumentException("chat.socketio.ping-interval must be positive");
    }
    if (pingTimeout.isNegative() || pingTimeout.isZero()) {
      throw new IllegalArgumentException("chat.socketio.ping-timeout must be positive");
    }
    if (maxPayload < 1024
        || outboundQueueFrames < 1
        || maxInFlightEvents < 1
        || maxQueuedEvents < 1) {
      throw new IllegalArgumentException(
          "chat.socketio: max-payload >= 1024; outbound-queue-frames, max-in-flight-events and"
              + " max-queued-events >= 1");
    }
    metricEvents = List.copyOf(metricEvents);
  }
}
