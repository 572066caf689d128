package chat.messaging.message;

import chat.messaging.metrics.CallTimer;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import reactor.core.publisher.Mono;

/**
 * The {@code messages} collection: {@code {_id, room, seq, key, senderId, content, ts,
 * clientMsgId?}}, with unique indexes on {@code (room, seq)} and on {@code key} ({@code
 * "<room>/<seq>"}).
 *
 * <p>Because a room's seqs are exactly 1..lastSeq (see {@link RoomSequencer}), every read names the
 * seqs it wants: a history page or a catch-up is one {@code key $in [...]} query of at most 500
 * keys, and the last seq is found from the {@code lastSeq} hint kept on the room's document plus
 * one {@code $in} probe of the keys after it. These are point lookups on a unique index, which real
 * MongoDB serves from the index and which the MongoDB-wire server of the local stack also serves
 * from its hash index (it answers range and sort queries with full scans, whose cost grows with the
 * collection).
 */
final class MessageStore {

  static final String COLLECTION = "messages";
  static final String ROOMS = "rooms";
  static final String SEQ_INDEX = "room_1_seq_1";
  static final String KEY_INDEX = "key_1";

  /** Keys probed per query when looking for the last seq past the hint. */
  static final int PROBE = 64;

  private final Mono<MongoCollection<Document>> messages;
  private final Mono<MongoCollection<Document>> rooms;
  private final CallTimer timer;
  private final Duration timeout;

  MessageStore(
      Mono<MongoCollection<Document>> messages,
      Mono<MongoCollection<Document>> rooms,
      CallTimer timer,
      Duration timeout) {
    this.messages = messages;
    this.rooms = rooms;
    this.timer = timer;
    this.timeout = timeout;
  }

  /**
   * How many documents an ordered insert stored before it stopped at a duplicate key ({@code
   * stopped} false when all were stored).
   */
  record InsertResult(int inserted, boolean stopped) {}

  /** The lookup key of one message: unique per (room, seq). */
  static String key(String room, long seq) {
    return room + '/' + seq;
  }

  Mono<Void> ensureIndexes() {
    return messages
        .flatMap(
            c ->
                Mono.from(
                        c.createIndex(
                            Indexes.ascending("room", "seq"),
                            new IndexOptions().unique(true).name(SEQ_INDEX)))
                    .then(
                        Mono.from(
                            c.createIndex(
                                Indexes.ascending("key"),
                                new IndexOptions().unique(true).name(KEY_INDEX)))))
        .timeout(timeout)
        .then();
  }

  /**
   * Inserts {@code batch} in order. Stops at the first duplicate key (the {@code _id} of a resend,
   * or a seq another writer took) and reports how many were stored before.
   */
  Mono<InsertResult> insertOrdered(List<Message> batch) {
    List<Document> docs = batch.stream().map(MessageStore::toDocument).toList();
    Mono<InsertResult> insert =
        messages
            .flatMap(c -> Mono.from(c.insertMany(docs, new InsertManyOptions().ordered(true))))
            .map(r -> new InsertResult(docs.size(), false))
            .onErrorResume(
                MongoBulkWriteException.class,
                e -> {
                  var first = e.getWriteErrors().get(0);
                  if (ErrorCategory.fromErrorCode(first.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    return Mono.error(e);
                  }
                  return Mono.just(new InsertResult(first.getIndex(), true));
                });
    return timer.time("insert", insert.timeout(timeout));
  }

  /**
   * Raises the room's {@code lastSeq} hint to {@code seq} (never lowers it). Fire and forget: the
   * hint only shortens the probe of {@link #lastSeq}, so a lost update costs nothing but a longer
   * probe.
   */
  void raiseHint(String room, long seq) {
    timer
        .time(
            "raise_hint",
            rooms
                .flatMap(
                    c ->
                        Mono.from(
                            c.updateOne(Filters.eq("_id", room), Updates.max("lastSeq", seq))))
                .timeout(timeout))
        .subscribe(null, e -> {});
  }

  Mono<Message> findById(String id) {
    return timer
        .time(
            "find_id",
            messages
                .flatMap(c -> Mono.from(c.find(Filters.eq("_id", id)).first()))
                .timeout(timeout))
        .map(MessageStore::fromDocument);
  }

  /** The highest stored seq of {@code room}, 0 when it has none. */
  Mono<Long> lastSeq(String room) {
    Mono<Long> hint =
        timer.time(
            "last_seq_hint",
            rooms
                .flatMap(
                    c ->
                        Mono.from(
                            c.find(Filters.eq("_id", room))
                                .projection(Projections.include("lastSeq"))
                                .first()))
                .map(d -> d.get("lastSeq") instanceof Number n ? n.longValue() : 0L)
                .defaultIfEmpty(0L)
                .timeout(timeout));
    return hint.flatMap(
        h ->
            probe(room, h)
                .doOnNext(
                    last -> {
                      if (last - h >= PROBE) {
                        raiseHint(room, last); // spare the next reader the long probe
                      }
                    }));
  }

  /** Seqs are 1..last without gaps: count how many of the next {@link #PROBE} keys exist. */
  private Mono<Long> probe(String room, long known) {
    return byKeys("last_seq", room, known + 1, known + PROBE)
        .flatMap(
            found ->
                found.size() < PROBE
                    ? Mono.just(known + found.size())
                    : probe(room, known + PROBE));
  }

  /**
   * A page of {@code limit} messages before {@code beforeSeq} (the newest if null), oldest first.
   */
  Mono<HistoryPage> page(String room, Long beforeSeq, int limit) {
    return lastSeq(room)
        .flatMap(
            last -> {
              long hi = beforeSeq == null ? last : Math.min(beforeSeq - 1, last);
              long lo = Math.max(1, hi - limit + 1);
              if (hi < 1) {
                return Mono.just(new HistoryPage(List.of(), false));
              }
              return byKeys("history", room, lo, hi).map(list -> new HistoryPage(list, lo > 1));
            });
  }

  /** Up to {@code limit} messages with seq above {@code afterSeq}, oldest first. */
  Mono<List<Message>> oldestAfter(String room, long afterSeq, int limit) {
    return lastSeq(room)
        .flatMap(
            last -> {
              long hi = Math.min(last, afterSeq + limit);
              return hi <= afterSeq
                  ? Mono.just(List.<Message>of())
                  : byKeys("catch_up", room, afterSeq + 1, hi);
            });
  }

  /** The stored messages with seq in {@code from..to}, sorted by seq. */
  private Mono<List<Message>> byKeys(String operation, String room, long from, long to) {
    List<String> keys = new ArrayList<>((int) (to - from + 1));
    for (long seq = from; seq <= to; seq++) {
      keys.add(key(room, seq));
    }
    return timer.time(
        operation,
        messages
            .flatMapMany(c -> c.find(Filters.in("key", keys)))
            .map(MessageStore::fromDocument)
            .collectSortedList(Comparator.comparingLong(Message::seq))
            .timeout(timeout));
  }

  static Document toDocument(Message m) {
    Document d =
        new Document("_id", m.id())
            .append("room", m.room())
            .append("seq", m.seq())
            .append("key", key(m.room(), m.seq()))
            .append("senderId", m.senderId())
            .append("content", m.content())
            .append("ts", Date.from(m.timestamp()));
    if (m.clientMsgId() != null) {
      d.append("clientMsgId", m.clientMsgId());
    }
    return d;
  }

  static Message fromDocument(Document d) {
    return new Message(
        d.getString("_id"),
        d.getString("room"),
        ((Number) d.get("seq")).longValue(),
        d.getString("senderId"),
        d.getString("content"),
        d.getDate("ts").toInstant(),
        d.getString("clientMsgId"));
  }
}
