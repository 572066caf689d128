package chat.messaging.message;

import chat.messaging.concurrent.OneBatchInFlight;
import chat.messaging.error.ChatException;
import chat.messaging.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Stores the messages of one room in order, gap-free, with group commit.
 *
 * <p>A sequence number exists only as the {@code seq} of a stored message: each batch is inserted
 * with {@code seq = lastSeq + 1, + 2, ...} in one ordered {@code insertMany}, and the unique {@code
 * (room, seq)} index refuses a number another writer (another replica) already used. There is no
 * counter that can run ahead of the messages, so neither a crash nor a failed insert can leave a
 * hole: a number that was not stored was never handed out. An ordered insert that stops at a
 * duplicate key has stored exactly the documents before it; the stopper is either a resend (its
 * {@code _id}, derived from the {@code clientMsgId}, exists: answer with the stored message) or a
 * lost race for the seq (reload the last seq and retry the rest).
 *
 * <p>At most one batch per room is in flight on this replica; messages that arrive meanwhile form
 * the next batch, so one MongoDB round trip stores many messages under load.
 */
final class RoomSequencer {

  private static final long UNKNOWN = -1;
  static final int MAX_BATCH = 256;
  static final int MAX_CONFLICTS = 32;

  private final String room;
  private final MessageStore store;
  private final OneBatchInFlight<Pending> batches =
      new OneBatchInFlight<>(MAX_BATCH, batch -> write(batch, 0));

  /** The last seq this replica knows to be stored; read and written only by the batch in flight. */
  private long lastSeq = UNKNOWN;

  private record Pending(Message draft, MonoSink<Appended> sink) {}

  RoomSequencer(String room, MessageStore store) {
    this.room = room;
    this.store = store;
  }

  /** Stores {@code draft} (its seq is ignored) once its turn comes. */
  Mono<Appended> append(Message draft) {
    return Mono.create(sink -> batches.add(new Pending(draft, sink)));
  }

  /** True when nothing is queued or in flight; an idle sequencer may be discarded. */
  boolean idle() {
    return batches.idle();
  }

  /** Stores {@code batch}; completes every pending of it, never fails. */
  private Mono<Void> write(List<Pending> batch, int conflicts) {
    if (batch.isEmpty()) {
      return Mono.empty();
    }
    if (conflicts > MAX_CONFLICTS) {
      fail(batch, new ChatException(ErrorCode.INTERNAL, "the room is too busy, try again"));
      return Mono.empty();
    }
    Mono<Long> base = lastSeq == UNKNOWN ? store.lastSeq(room) : Mono.just(lastSeq);
    return base.flatMap(
            b -> {
              List<Message> docs = new ArrayList<>(batch.size());
              for (int i = 0; i < batch.size(); i++) {
                docs.add(batch.get(i).draft().withSeq(b + 1 + i));
              }
              return store.insertOrdered(docs).map(result -> new Attempt(b, docs, result));
            })
        .onErrorResume(
            e -> {
              // Unknown outcome (timeout, network): resends with the same clientMsgId are safe.
              lastSeq = UNKNOWN;
              fail(batch, e);
              return Mono.empty();
            })
        .flatMap(attempt -> afterInsert(batch, attempt, conflicts));
  }

  private record Attempt(long base, List<Message> docs, MessageStore.InsertResult result) {}

  private Mono<Void> afterInsert(List<Pending> batch, Attempt attempt, int conflicts) {
    int stored = attempt.result().inserted();
    lastSeq = attempt.base() + stored;
    if (attempt.base() / MessageStore.PROBE != lastSeq / MessageStore.PROBE) {
      // Once per PROBE seqs rather than per batch: the hint only has to keep the probe short.
      store.raiseHint(room, lastSeq);
    }
    if (stored > 0) {
      // In seq order, on the thread that learnt of the insert: what follows an ack (fan-out to
      // every socket, activity) costs less than handing the batch to another thread.
      for (int i = 0; i < stored; i++) {
        batch.get(i).sink().success(new Appended(attempt.docs().get(i), true));
      }
    }
    if (!attempt.result().stopped()) {
      return Mono.empty();
    }
    List<Pending> unstored = batch.subList(stored, batch.size());
    Pending stopper = unstored.get(0);
    return store
        .findById(stopper.draft().id())
        .map(Optional::of)
        .defaultIfEmpty(Optional.empty())
        .onErrorResume(
            e -> {
              lastSeq = UNKNOWN;
              fail(unstored, e);
              return Mono.empty();
            })
        .flatMap(
            existing -> {
              if (existing.isPresent()) {
                // A resend of a stored message: answer with the original, store the rest.
                stopper.sink().success(new Appended(existing.get(), false));
                return write(unstored.subList(1, unstored.size()), conflicts);
              }
              // Another writer took the seq: learn the new last seq and retry.
              lastSeq = UNKNOWN;
              return write(unstored, conflicts + 1);
            });
  }

  private static void fail(List<Pending> batch, Throwable e) {
    batch.forEach(p -> p.sink().error(e));
  }
}
