package chat.messaging.message;

import chat.messaging.metrics.CallTimer;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import reactor.core.publisher.Mono;

/**
 * The {@code messages} collection: {@code {_id, room, seq, senderId, content, ts, clientMsgId?}}
 * with a unique index on {@code (room, seq)}. Every query is a range on that index (room equality,
 * seq range, sorted by seq), which real MongoDB serves from the index alone.
 */
final class MessageStore {

  static final String COLLECTION = "messages";
  static final String SEQ_INDEX = "room_1_seq_1";

  private final Mono<MongoCollection<Document>> messages;
  private final CallTimer timer;
  private final Duration timeout;

  MessageStore(Mono<MongoCollection<Document>> messages, CallTimer timer, Duration timeout) {
    this.messages = messages;
    this.timer = timer;
    this.timeout = timeout;
  }

  /**
   * How many documents an ordered insert stored before it stopped at a duplicate key ({@code
   * stopped} false when all were stored).
   */
  record InsertResult(int inserted, boolean stopped) {}

  Mono<Void> ensureIndexes() {
    return messages
        .flatMap(
            c ->
                Mono.from(
                    c.createIndex(
                        Indexes.ascending("room", "seq"),
                        new IndexOptions().unique(true).name(SEQ_INDEX))))
        .timeout(timeout)
        .then();
  }

  /**
   * Inserts {@code batch} in order. Stops at the first duplicate key (either the {@code _id} of a
   * resend or a {@code (room, seq)} another writer took) and reports how many were stored before.
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
    return timer.time(
        "last_seq",
        messages
            .flatMap(
                c ->
                    Mono.from(
                        c.find(Filters.eq("room", room))
                            .sort(Sorts.descending("seq"))
                            .projection(Projections.include("seq"))
                            .limit(1)
                            .first()))
            .map(d -> ((Number) d.get("seq")).longValue())
            .defaultIfEmpty(0L)
            .timeout(timeout));
  }

  /** Up to {@code limit} messages with seq below {@code beforeSeq} (any if null), newest first. */
  Mono<List<Message>> newestBefore(String room, Long beforeSeq, int limit) {
    Bson filter =
        beforeSeq == null
            ? Filters.eq("room", room)
            : Filters.and(Filters.eq("room", room), Filters.lt("seq", beforeSeq));
    return timer.time(
        "history",
        messages
            .flatMapMany(c -> c.find(filter).sort(Sorts.descending("seq")).limit(limit))
            .map(MessageStore::fromDocument)
            .collectList()
            .timeout(timeout));
  }

  /** Up to {@code limit} messages with seq above {@code afterSeq}, oldest first. */
  Mono<List<Message>> oldestAfter(String room, long afterSeq, int limit) {
    Bson filter = Filters.and(Filters.eq("room", room), Filters.gt("seq", afterSeq));
    return timer.time(
        "catch_up",
        messages
            .flatMapMany(c -> c.find(filter).sort(Sorts.ascending("seq")).limit(limit))
            .map(MessageStore::fromDocument)
            .collectList()
            .timeout(timeout));
  }

  static Document toDocument(Message m) {
    Document d =
        new Document("_id", m.id())
            .append("room", m.room())
            .append("seq", m.seq())
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

  static <T> List<T> reversed(List<T> list) {
    List<T> copy = new ArrayList<>(list);
    Collections.reverse(copy);
    return copy;
  }
}
