package chat.messaging.room;

import chat.events.UserIds;
import chat.messaging.MessagingProperties;
import chat.messaging.error.ChatException;
import chat.messaging.metrics.CallTimer;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The rooms and who may use them. Collection {@code rooms}: {@code {_id, type, members, memberKeys,
 * createdAt}}; {@code memberKeys} (canonical ids, multikey index) finds a user's DMs. Rooms never
 * change after creation, so found rooms are cached.
 */
@Component
public class RoomDirectory {

  private static final Logger log = LoggerFactory.getLogger(RoomDirectory.class);
  static final String COLLECTION = "rooms";
  private static final int MAX_CACHED = 50_000;

  private final Mono<MongoCollection<Document>> rooms;
  private final CallTimer timer;
  private final Duration timeout;
  private final Map<String, Room> cache = new ConcurrentHashMap<>();

  RoomDirectory(
      ReactiveMongoTemplate mongo, MessagingProperties properties, MeterRegistry registry) {
    this.rooms = mongo.getCollection(COLLECTION).cache();
    this.timer = new CallTimer(registry, "chat.mongo.latency", "MongoDB call latency");
    this.timeout = properties.mongoTimeout();
  }

  /** Creates the global room and the index if missing; retried until MongoDB answers. */
  @EventListener(ApplicationReadyEvent.class)
  void createGlobalRoom() {
    rooms
        .flatMap(
            c ->
                Mono.from(c.createIndex(Indexes.ascending("memberKeys")))
                    .then(
                        Mono.from(
                            c.updateOne(
                                Filters.eq("_id", RoomIds.GENERAL),
                                Updates.combine(
                                    Updates.setOnInsert("type", "global"),
                                    Updates.setOnInsert("createdAt", new Date())),
                                new UpdateOptions().upsert(true)))))
        .timeout(timeout)
        .retryWhen(
            Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30)))
        .subscribe(null, e -> log.error("could not create the global room", e));
  }

  /**
   * The room {@code roomId} if {@code userId} may read and write it.
   *
   * @return a {@link ChatException} signal: {@code not_found} for a room that does not exist,
   *     {@code forbidden} for a DM of two other users
   */
  public Mono<Room> accessible(String roomId, String userId) {
    if (RoomIds.GENERAL.equals(roomId)) {
      return Mono.just(Room.GENERAL);
    }
    var members = RoomIds.dmMembers(roomId);
    if (members.isEmpty()) {
      return Mono.error(ChatException.notFound("no such room"));
    }
    if (!members.get().contains(UserIds.canonical(userId))) {
      return Mono.error(ChatException.forbidden("not a member of this room"));
    }
    Room cached = cache.get(roomId);
    if (cached != null) {
      return Mono.just(cached);
    }
    return timer
        .time(
            "find_room",
            rooms
                .flatMap(c -> Mono.from(c.find(Filters.eq("_id", roomId)).first()))
                .timeout(timeout))
        .map(RoomDirectory::fromDocument)
        .doOnNext(this::remember)
        .switchIfEmpty(Mono.error(() -> ChatException.notFound("no such room")));
  }

  /**
   * Opens (creates if needed) the DM room of {@code userId} and {@code recipientId}, both spelled
   * as their accounts spell them.
   */
  public Mono<Room> openDm(String userId, String recipientId) {
    String id = RoomIds.dm(userId, recipientId);
    List<String> members =
        List.of(userId, recipientId).stream()
            .sorted(Comparator.comparing(UserIds::canonical))
            .toList();
    Room room = new Room(id, RoomType.DM, members);
    Room cached = cache.get(id);
    if (cached != null) {
      return Mono.just(cached);
    }
    return timer
        .time(
            "open_dm",
            rooms
                .flatMap(
                    c ->
                        Mono.from(
                            c.updateOne(
                                Filters.eq("_id", id),
                                Updates.combine(
                                    Updates.setOnInsert("type", "dm"),
                                    Updates.setOnInsert("members", members),
                                    Updates.setOnInsert("memberKeys", room.memberKeys()),
                                    Updates.setOnInsert("createdAt", new Date())),
                                new UpdateOptions().upsert(true))))
                .timeout(timeout))
        .thenReturn(room)
        .doOnNext(this::remember);
  }

  /** Every room {@code userId} belongs to: the global room first, then their DMs. */
  public Flux<Room> roomsOf(String userId) {
    Flux<Room> dms =
        timer.time(
            "rooms_of",
            rooms
                .flatMapMany(c -> c.find(Filters.eq("memberKeys", UserIds.canonical(userId))))
                .map(RoomDirectory::fromDocument)
                .timeout(timeout));
    return Flux.concat(Mono.just(Room.GENERAL), dms.doOnNext(this::remember));
  }

  private void remember(Room room) {
    if (cache.size() >= MAX_CACHED) {
      cache.clear();
    }
    cache.put(room.id(), room);
  }

  private static Room fromDocument(Document d) {
    String id = d.getString("_id");
    if (RoomIds.GENERAL.equals(id)) {
      return Room.GENERAL;
    }
    return new Room(id, RoomType.DM, d.getList("members", String.class, List.of()));
  }
}
