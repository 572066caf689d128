package chat.messaging.connection;

import chat.events.ConnectionEvent;
import chat.messaging.MessagingProperties;
import java.time.Instant;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * Every {@code chat.messaging.heartbeat-interval} (10 s), one {@code heartbeat} connection event
 * per live socket of this replica, so presence-service can tell a replica that died without
 * goodbyes (it declares sockets without a heartbeat for 30 s offline).
 */
@Component
class Heartbeats implements SmartLifecycle {

  private final LocalSockets sockets;
  private final ConnectionPublisher publisher;
  private final MessagingProperties properties;
  private volatile Disposable ticker;

  Heartbeats(LocalSockets sockets, ConnectionPublisher publisher, MessagingProperties properties) {
    this.sockets = sockets;
    this.publisher = publisher;
    this.properties = properties;
  }

  @Override
  public void start() {
    ticker =
        Flux.interval(properties.heartbeatInterval(), properties.heartbeatInterval())
            .onBackpressureDrop()
            .subscribe(tick -> beat());
  }

  void beat() {
    Instant now = Instant.now();
    for (ChatSocket socket : sockets.all()) {
      publisher.publish(
          new ConnectionEvent(
              ConnectionEvent.Type.HEARTBEAT,
              socket.userId(),
              socket.id(),
              properties.instanceId(),
              now));
    }
  }

  @Override
  public void stop() {
    Disposable t = ticker;
    if (t != null) {
      t.dispose();
    }
  }

  @Override
  public boolean isRunning() {
    Disposable t = ticker;
    return t != null && !t.isDisposed();
  }
}
