package chat.messaging.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import chat.messaging.connection.ChatSocket;
import chat.messaging.connection.LocalSockets;
import chat.messaging.connection.TokenBucket;
import chat.messaging.testing.FakeSocketSession;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class LocalDeliveryTest {

  private final LocalSockets sockets = new LocalSockets();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final LocalDelivery delivery = new LocalDelivery(sockets, registry);
  private final FakeSocketSession aliceTab1 = connect("Alice");
  private final FakeSocketSession aliceTab2 = connect("alice");
  private final FakeSocketSession bob = connect("bob");
  private final FakeSocketSession carol = connect("carol");

  private FakeSocketSession connect(String user) {
    return connect(user, Runnable::run);
  }

  private FakeSocketSession connect(String user, Executor loop) {
    FakeSocketSession session = new FakeSocketSession(user, loop);
    sockets.add(new ChatSocket(session, new TokenBucket(1, 1, 0)));
    return session;
  }

  @Test
  void everyoneGetsGlobalEventsOnEveryTab() {
    delivery.deliver(Audience.everyone(), "newMessage", "{\"a\":1}", 0);
    for (FakeSocketSession s : List.of(aliceTab1, aliceTab2, bob, carol)) {
      assertThat(s.emitted("newMessage")).hasSize(1);
    }
    assertThat(registry.counter("chat.fanout.deliveries", "event", "newMessage").count())
        .isEqualTo(4);
  }

  @Test
  void dmEventsReachOnlyTheMembersSockets() {
    delivery.deliver(Audience.users(List.of("alice", "bob")), "newMessage", "{}", 0);
    assertThat(aliceTab1.emitted()).hasSize(1);
    assertThat(aliceTab2.emitted()).hasSize(1);
    assertThat(bob.emitted()).hasSize(1);
    assertThat(carol.emitted()).isEmpty();
  }

  @Test
  void theExceptedUserIsSkippedOnEveryTab() {
    delivery.deliver(Audience.everyoneExcept("alice"), "userTyping", "{}", 0);
    assertThat(aliceTab1.emitted()).isEmpty();
    assertThat(aliceTab2.emitted()).isEmpty();
    assertThat(bob.emitted()).hasSize(1);
    assertThat(carol.emitted()).hasSize(1);
  }

  @Test
  void eachEventLoopGetsOneTaskThatEmitsToAllOfItsSockets() {
    List<Runnable> loopA = new ArrayList<>();
    List<Runnable> loopB = new ArrayList<>();
    Executor a = loopA::add;
    List<FakeSocketSession> onA = List.of(connect("dave", a), connect("erin", a));
    FakeSocketSession onB = connect("frank", loopB::add);

    delivery.deliver(Audience.everyone(), "newMessage", "{}", 0);

    assertThat(loopA).hasSize(1);
    assertThat(loopB).hasSize(1);
    assertThat(onA).allSatisfy(s -> assertThat(s.emitted()).isEmpty());
    loopA.get(0).run();
    assertThat(onA).allSatisfy(s -> assertThat(s.emitted("newMessage")).hasSize(1));
    assertThat(onB.emitted()).isEmpty();
    loopB.get(0).run();
    assertThat(onB.emitted("newMessage")).hasSize(1);
  }

  @Test
  void goneSocketsGetNothing() {
    sockets.remove(bob.id());
    delivery.deliver(Audience.users(List.of("alice", "bob")), "newMessage", "{}", 0);
    assertThat(bob.emitted()).isEmpty();
    assertThat(sockets.ofUser("bob")).isEmpty();
  }
}
