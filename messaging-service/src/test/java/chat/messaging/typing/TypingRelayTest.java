package chat.messaging.typing;

import static org.assertj.core.api.Assertions.assertThat;

import chat.messaging.connection.ChatSocket;
import chat.messaging.connection.TokenBucket;
import chat.messaging.fanout.Audience;
import chat.messaging.fanout.RoomBroadcast;
import chat.messaging.room.Room;
import chat.messaging.room.RoomType;
import chat.messaging.testing.FakeSocketSession;
import chat.messaging.testing.TestProperties;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.scheduler.VirtualTimeScheduler;

class TypingRelayTest {

  record Sent(Audience audience, String event, TypingRelay.UserTyping payload) {}

  private final List<Sent> sent = new CopyOnWriteArrayList<>();
  private final RoomBroadcast broadcast =
      (audience, event, payload, at) ->
          sent.add(new Sent(audience, event, (TypingRelay.UserTyping) payload));
  private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
  private final TypingRelay relay = new TypingRelay(broadcast, TestProperties.defaults(), time);
  private final ChatSocket alice = socket("Alice");
  private final Room dm = new Room("dm:alice:bob", RoomType.DM, List.of("Alice", "bob"));

  @AfterEach
  void disposeTime() {
    time.dispose();
  }

  private static ChatSocket socket(String user) {
    return new ChatSocket(new FakeSocketSession(user), new TokenBucket(20, 40, 0));
  }

  private List<Boolean> states() {
    return sent.stream().map(s -> s.payload().isTyping()).toList();
  }

  @Test
  void typingGoesToTheOtherMembersOnly() {
    relay.typing(alice, dm, true);
    relay.typing(alice, Room.GENERAL, true);

    assertThat(sent).hasSize(2);
    assertThat(sent.get(0).event()).isEqualTo("userTyping");
    assertThat(sent.get(0).audience())
        .isEqualTo(Audience.usersExcept(List.of("alice", "bob"), "alice"));
    assertThat(sent.get(0).payload())
        .isEqualTo(new TypingRelay.UserTyping("dm:alice:bob", "Alice", true));
    assertThat(sent.get(1).audience()).isEqualTo(Audience.everyoneExcept("alice"));
  }

  @Test
  void typingAgainAfterSendingAMessageIsAnnouncedAgain() {
    relay.typing(alice, Room.GENERAL, true);
    relay.messageSent(alice, Room.GENERAL);
    relay.typing(alice, Room.GENERAL, false);
    time.advanceTimeBy(Duration.ofSeconds(1));
    relay.typing(alice, Room.GENERAL, true);

    // Receivers dropped the first "typing" when the message arrived: the second must reach them.
    assertThat(states()).containsExactly(true, true);
  }

  @Test
  void aTrueWithoutAFalseExpiresAfterFiveSeconds() {
    relay.typing(alice, dm, true);
    time.advanceTimeBy(Duration.ofMillis(4900));
    assertThat(states()).containsExactly(true);
    time.advanceTimeBy(Duration.ofMillis(100));
    assertThat(states()).containsExactly(true, false);
  }

  @Test
  void repeatedTruesExtendTheExpiryWithoutBeingForwarded() {
    relay.typing(alice, dm, true);
    time.advanceTimeBy(Duration.ofSeconds(3));
    relay.typing(alice, dm, true);
    time.advanceTimeBy(Duration.ofSeconds(3));
    assertThat(states()).containsExactly(true);
    time.advanceTimeBy(Duration.ofSeconds(2));
    assertThat(states()).containsExactly(true, false);
  }

  @Test
  void aBurstIsThrottledButTheLastStateArrives() {
    for (int i = 0; i < 50; i++) {
      relay.typing(alice, dm, i % 2 == 0); // ends with false
    }
    assertThat(states()).containsExactly(true);
    time.advanceTimeBy(Duration.ofMillis(300));
    assertThat(states()).containsExactly(true, false);
    time.advanceTimeBy(Duration.ofSeconds(10));
    assertThat(states()).containsExactly(true, false);
  }

  @Test
  void atMostAFewEventsPerSecondReachOthers() {
    for (int ms = 0; ms < 1000; ms += 10) {
      relay.typing(alice, dm, (ms / 10) % 2 == 0);
      time.advanceTimeBy(Duration.ofMillis(10));
    }
    assertThat(sent.size()).isBetween(3, 5);
  }

  @Test
  void disconnectingWhileTypingStopsTheTyping() {
    relay.typing(alice, dm, true);
    time.advanceTimeBy(Duration.ofSeconds(1));
    relay.disconnected(alice);
    assertThat(states()).containsExactly(true, false);
    time.advanceTimeBy(Duration.ofSeconds(10));
    assertThat(states()).containsExactly(true, false);
  }
}
