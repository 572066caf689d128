package chat.messaging.connection;

import static org.assertj.core.api.Assertions.assertThat;

import chat.events.ConnectionEvent;
import chat.messaging.testing.FakeSocketSession;
import chat.messaging.testing.TestProperties;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class HeartbeatsTest {

  @Test
  void everyLiveSocketGetsOneHeartbeatPerTick() {
    LocalSockets sockets = new LocalSockets();
    List<ConnectionEvent> published = new CopyOnWriteArrayList<>();
    Heartbeats heartbeats = new Heartbeats(sockets, published::add, TestProperties.defaults());
    FakeSocketSession alice = new FakeSocketSession("alice");
    FakeSocketSession bob = new FakeSocketSession("bob");
    sockets.add(new ChatSocket(alice, new TokenBucket(1, 1, 0)));
    sockets.add(new ChatSocket(bob, new TokenBucket(1, 1, 0)));
    sockets.remove(bob.id());

    heartbeats.beat();

    assertThat(published).hasSize(1);
    ConnectionEvent beat = published.get(0);
    assertThat(beat.type()).isEqualTo(ConnectionEvent.Type.HEARTBEAT);
    assertThat(beat.userId()).isEqualTo("alice");
    assertThat(beat.connectionId()).isEqualTo(alice.id());
    assertThat(beat.instanceId()).isEqualTo("test-instance");
    assertThat(TestProperties.defaults().heartbeatInterval()).hasSeconds(10);
  }
}
