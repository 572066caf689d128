package chat.messaging.message;

import static org.assertj.core.api.Assertions.assertThat;

import chat.messaging.metrics.CallTimer;
import chat.messaging.room.Room;
import chat.messaging.room.RoomType;
import chat.messaging.testing.InfrastructureTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The message log against the real MongoDB-wire server: sequencing, idempotency, paging. */
class MessageLogIT extends InfrastructureTest {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @Autowired MessageLog log;
  @Autowired ReactiveMongoTemplate mongo;

  private static Room newRoom() {
    return new Room("it-" + UUID.randomUUID(), RoomType.GLOBAL, List.of());
  }

  /** A second, independent writer on the same collection, as another replica would be. */
  private MessageLog otherReplica() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    MessageStore store =
        new MessageStore(
            mongo.getCollection(MessageStore.COLLECTION).cache(),
            mongo.getCollection(MessageStore.ROOMS).cache(),
            new CallTimer(registry, "chat.mongo.latency", ""),
            Duration.ofSeconds(10));
    return new MessageLog(store, Clock.systemUTC(), registry);
  }

  private static List<Long> seqs(List<Message> messages) {
    return messages.stream().map(Message::seq).toList();
  }

  private static List<Long> oneTo(long n) {
    return LongStream.rangeClosed(1, n).boxed().toList();
  }

  @Test
  void concurrentSendsToOneRoomGetSeqOneToNWithoutGapsOrDuplicates() {
    Room room = newRoom();
    int n = 400;
    List<Message> stored =
        Flux.range(0, n)
            .flatMap(i -> log.append(room, "user" + (i % 20), "m" + i, null), 64)
            .map(Appended::message)
            .collectList()
            .block(WAIT);

    assertThat(stored.stream().map(Message::seq).sorted().toList()).isEqualTo(oneTo(n));
    StepVerifier.create(log.lastSeq(room.id())).expectNext((long) n).verifyComplete();
  }

  @Test
  void twoReplicasWritingOneRoomStillLeaveNoGaps() {
    Room room = newRoom();
    MessageLog other = otherReplica();
    int n = 300;
    Flux.range(0, n)
        .flatMap(
            i -> (i % 2 == 0 ? log : other).append(room, "user" + (i % 7), "m" + i, "c" + i), 64)
        .then()
        .block(WAIT);

    List<Message> all = log.after(room.id(), 0, 1000).block(WAIT);
    assertThat(seqs(all)).isEqualTo(oneTo(n));
    assertThat(all).extracting(Message::clientMsgId).doesNotHaveDuplicates();
  }

  @Test
  void aResendWithTheSameClientMsgIdReturnsTheStoredMessage() {
    Room room = newRoom();
    Appended first = log.append(room, "alice", "hello", "c-1").block(WAIT);
    Appended again = log.append(room, "Alice", "hello (resent)", "c-1").block(WAIT);
    Appended other = log.append(room, "alice", "second", "c-2").block(WAIT);

    assertThat(first.created()).isTrue();
    assertThat(again.created()).isFalse();
    assertThat(again.message()).isEqualTo(first.message());
    assertThat(other.message().seq()).isEqualTo(2);
    assertThat(seqs(log.after(room.id(), 0, 10).block(WAIT))).containsExactly(1L, 2L);
  }

  @Test
  void concurrentResendsStoreOneCopyAndLeaveNoGap() {
    Room room = newRoom();
    MessageLog other = otherReplica();
    List<Appended> results =
        Flux.range(0, 40)
            .flatMap(
                i ->
                    Mono.defer(
                        () ->
                            (i % 2 == 0 ? log : other)
                                .append(room, "alice", "x" + (i / 10), "dup-" + (i / 10))),
                40)
            .collectList()
            .block(WAIT);

    assertThat(results).filteredOn(Appended::created).hasSize(4);
    assertThat(results.stream().map(a -> a.message().id()).distinct()).hasSize(4);
    assertThat(seqs(log.after(room.id(), 0, 100).block(WAIT))).isEqualTo(oneTo(4));
  }

  @Test
  void historyPagesBackwardsOldestFirstWithHasMore() {
    Room room = newRoom();
    Flux.range(1, 120).concatMap(i -> log.append(room, "bob", "m" + i, null)).then().block(WAIT);

    HistoryPage newest = log.history(room.id(), null, 50).block(WAIT);
    assertThat(seqs(newest.messages())).isEqualTo(LongStream.rangeClosed(71, 120).boxed().toList());
    assertThat(newest.hasMore()).isTrue();

    HistoryPage middle = log.history(room.id(), 71L, 50).block(WAIT);
    assertThat(seqs(middle.messages())).isEqualTo(LongStream.rangeClosed(21, 70).boxed().toList());
    assertThat(middle.hasMore()).isTrue();

    HistoryPage oldest = log.history(room.id(), 21L, 50).block(WAIT);
    assertThat(seqs(oldest.messages())).isEqualTo(oneTo(20));
    assertThat(oldest.hasMore()).isFalse();

    HistoryPage beyond = log.history(room.id(), 1000L, 50).block(WAIT);
    assertThat(beyond).isEqualTo(newest);

    HistoryPage exact = log.history(room.id(), 51L, 50).block(WAIT);
    assertThat(exact.messages()).hasSize(50);
    assertThat(exact.hasMore()).isFalse();
  }

  @Test
  void catchUpReturnsWhatCameAfterLastSeenBounded() {
    Room room = newRoom();
    Flux.range(1, 30).concatMap(i -> log.append(room, "bob", "m" + i, null)).then().block(WAIT);

    assertThat(seqs(log.after(room.id(), 25, 500).block(WAIT)))
        .containsExactly(26L, 27L, 28L, 29L, 30L);
    assertThat(seqs(log.after(room.id(), 0, 10).block(WAIT))).isEqualTo(oneTo(10));
    assertThat(log.after(room.id(), 30, 500).block(WAIT)).isEmpty();
  }

  @Test
  void storedMessagesKeepTheirShape() {
    Room room = newRoom();
    Message m = log.append(room, "Alice", "hi there", "client-7").block(WAIT).message();
    Message read = log.history(room.id(), null, 1).block(WAIT).messages().get(0);

    assertThat(read).isEqualTo(m);
    assertThat(m.room()).isEqualTo(room.id());
    assertThat(m.senderId()).isEqualTo("Alice");
    assertThat(m.timestamp().getNano() % 1_000_000).isZero();
  }
}
