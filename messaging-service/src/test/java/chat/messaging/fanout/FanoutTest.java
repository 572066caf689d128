package chat.messaging.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import chat.messaging.connection.ChatSocket;
import chat.messaging.connection.LocalSockets;
import chat.messaging.connection.TokenBucket;
import chat.messaging.testing.FakeSocketSession;
import chat.messaging.testing.TestProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.util.RawValue;

/** What a replica does with the Redis messages of the room event channel. */
class FanoutTest {

  private final LocalSockets sockets = new LocalSockets();
  private final FakeSocketSession alice = connect("alice");
  private final FakeSocketSession bob = connect("bob");
  // Only receive() is used: it never touches Redis.
  private final Fanout fanout =
      new Fanout(null, sockets, TestProperties.defaults(), new SimpleMeterRegistry());

  private FakeSocketSession connect(String user) {
    FakeSocketSession session = new FakeSocketSession(user);
    sockets.add(new ChatSocket(session, new TokenBucket(1, 1, 0)));
    return session;
  }

  private static String payloadOf(FakeSocketSession.Emitted emitted) {
    return ((RawValue) emitted.payload()).rawValue().toString();
  }

  @Test
  void eventsFromAnotherReplicaReachTheirAudienceInOrder() {
    fanout.receive(
        """
        {"origin":"replica-2","events":[
          {"audience":{},"event":"newMessage","sentAt":1,"payload":{"n":1}},
          {"audience":{"members":["bob"]},"event":"newMessage","sentAt":2,"payload":{"n":2}}]}
        """);

    assertThat(alice.emitted()).extracting(FanoutTest::payloadOf).containsExactly("{\"n\":1}");
    assertThat(bob.emitted())
        .extracting(FanoutTest::payloadOf)
        .containsExactly("{\"n\":1}", "{\"n\":2}");
  }

  @Test
  void aReplicaSkipsItsOwnMessages() {
    fanout.receive(
        RoomEventPublisher.prefixOf(TestProperties.defaults().instanceId())
            + "\"events\":[{\"audience\":{},\"event\":\"newMessage\",\"sentAt\":1,\"payload\":{}}]}");

    assertThat(alice.emitted()).isEmpty();
  }

  @Test
  void badEventsAreSkippedAndTheRestDeliveredAnUnreadableMessageIgnored() {
    fanout.receive("not json");
    fanout.receive(
        """
        {"origin":"replica-2","events":[
          {"audience":5,"event":"newMessage","payload":{"n":1}},
          {"audience":{},"payload":{"n":3}},
          {"audience":{},"event":"newMessage"},
          {"audience":{},"event":"newMessage","sentAt":2,"payload":{"n":2}}]}
        """);

    assertThat(alice.emitted()).extracting(FanoutTest::payloadOf).containsExactly("{\"n\":2}");
  }
}
