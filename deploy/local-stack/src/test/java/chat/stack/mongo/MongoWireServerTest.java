package chat.stack.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MongoWireServerTest {

  @TempDir Path folder;

  @Test
  void answersHelloOnEveryDatabaseAsBootsHealthIndicatorAsks() {
    try (MongoWireServer server = MongoWireServer.inMemory(0);
        MongoClient client = MongoClients.create(server.uri("chat"))) {
      client.getDatabase("chat").getCollection("messages").insertOne(new Document("seq", 1));

      for (String database : client.listDatabaseNames()) {
        Document hello = client.getDatabase(database).runCommand(new Document("hello", 1));
        assertThat(hello.get("ok")).isIn(1, 1.0);
        assertThat(hello.getInteger("maxWireVersion")).isPositive();
      }
    }
  }

  @Test
  void theDiskBackendKeepsDocumentsAcrossRestarts() {
    Path file = folder.resolve("chat.mv.db");
    try (MongoWireServer server = MongoWireServer.onDisk(file, 0);
        MongoClient client = MongoClients.create(server.uri("chat"))) {
      client.getDatabase("chat").getCollection("messages").insertOne(new Document("seq", 7));
    }

    try (MongoWireServer server = MongoWireServer.onDisk(file, 0);
        MongoClient client = MongoClients.create(server.uri("chat"))) {
      assertThat(client.getDatabase("chat").getCollection("messages").find().first())
          .containsEntry("seq", 7);
    }
  }

  @Test
  void uniqueIndexesAnswerLookupsAndRefuseDuplicatesAcrossRestarts() {
    Path file = folder.resolve("chat.mv.db");
    try (MongoWireServer server = MongoWireServer.onDisk(file, 0);
        MongoClient client = MongoClients.create(server.uri("chat"))) {
      MongoCollection<Document> messages = messages(client);
      messages.createIndex(Indexes.ascending("room", "seq"), new IndexOptions().unique(true));
      messages.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true));
      messages.insertMany(documents("general", 1, 3_000));
    }

    try (MongoWireServer server = MongoWireServer.onDisk(file, 0);
        MongoClient client = MongoClients.create(server.uri("chat"))) {
      assertIndexesServe(messages(client), 3_000);
    }
  }

  @Test
  void newCollectionsKeyDocumentsByRecordNumberInInsertionOrder() {
    Path file = folder.resolve("chat.mv.db");
    List<Document> inserted = new ArrayList<>(documents("general", 1, 300));
    Collections.shuffle(inserted, new Random(7)); // _ids in no order
    try (MongoWireServer server = MongoWireServer.onDisk(file, 0);
        MongoClient client = MongoClients.create(server.uri("chat"))) {
      messages(client).createIndex(Indexes.ascending("key"), new IndexOptions().unique(true));
      messages(client).insertMany(inserted.subList(0, 200));
      messages(client).deleteOne(Filters.eq("_id", inserted.get(0).get("_id")));
      messages(client).insertMany(inserted.subList(200, 300));
    }
    List<Document> kept = inserted.subList(1, 300);
    assertThat(storedKeys(file, "databases.chat.messages"))
        .containsExactlyElementsOf(LongStream.rangeClosed(2, 300).boxed().toList());

    try (MongoWireServer server = MongoWireServer.onDisk(file, 0);
        MongoClient client = MongoClients.create(server.uri("chat"))) {
      MongoCollection<Document> messages = messages(client);
      assertThat(messages.find().into(new ArrayList<>())).containsExactlyElementsOf(kept);
      Document last = kept.get(kept.size() - 1);
      assertThat(messages.find(Filters.eq("_id", last.get("_id"))).first()).isEqualTo(last);
      assertThat(messages.find(Filters.eq("key", last.get("key"))).first()).isEqualTo(last);
      messages.updateOne(Filters.eq("_id", last.get("_id")), Updates.set("content", "edited"));
      messages.insertOne(new Document("_id", "after-restart").append("key", "general/301"));
      assertThat(duplicateKey(messages, new Document("_id", last.get("_id")))).isTrue();
      assertThat(messages.find(Filters.eq("key", last.get("key"))).first())
          .containsEntry("content", "edited");
    }
    assertThat(storedKeys(file, "databases.chat.messages")).endsWith(300L, 301L);
  }

  @Test
  void indexesWrittenByTheStockBackendAreTakenOver() {
    Path file = folder.resolve("stock.mv.db");
    MongoServer stock = new MongoServer(new H2Backend(file.toString()));
    try (MongoClient client =
        MongoClients.create("mongodb://127.0.0.1:" + stock.bind().getPort() + "/chat")) {
      MongoCollection<Document> messages = messages(client);
      messages.createIndex(Indexes.ascending("room", "seq"), new IndexOptions().unique(true));
      messages.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true));
      messages.insertMany(documents("general", 1, 500));
    } finally {
      stock.shutdown();
    }

    try (MongoWireServer server = MongoWireServer.onDisk(file, 0);
        MongoClient client = MongoClients.create(server.uri("chat"))) {
      assertIndexesServe(messages(client), 500);
      assertThat(messages(client).find(Filters.eq("_id", "general-id-7")).first())
          .isEqualTo(documents("general", 7, 7).get(0));
      messages(client).insertMany(documents("general", 501, 600));
      assertIndexesServe(messages(client), 600);
    }
    // A collection the stock backend created keeps its _id keys: its indexes point at them.
    assertThat(storedKeys(file, "databases.chat.messages")).contains("general-id-600");
  }

  @Test
  void documentsOfEveryValueTypeSurviveARestart() {
    Path file = folder.resolve("chat.mv.db");
    Document message =
        new Document("_id", "general-id-1")
            .append("seq", 1L)
            .append("n", 3)
            .append("ts", new java.util.Date(1_764_339_316_123L))
            .append("content", "héllo \uD83D\uDE00")
            .append("reply", new Document("to", 0.5).append("ids", List.of("a", 2L)))
            .append("gone", null);
    Document account =
        new Document("_id", new org.bson.types.ObjectId("6761d7e1c2a4b5a1d2e3f4a5"))
            .append("hash", new org.bson.types.Binary(new byte[] {1, 2, 3}));
    try (MongoWireServer server = MongoWireServer.onDisk(file, 0);
        MongoClient client = MongoClients.create(server.uri("chat"))) {
      messages(client).insertOne(message);
      client.getDatabase("chat").getCollection("accounts").insertOne(account);
    }

    try (MongoWireServer server = MongoWireServer.onDisk(file, 0);
        MongoClient client = MongoClients.create(server.uri("chat"))) {
      assertThat(messages(client).find().first()).isEqualTo(message);
      assertThat(client.getDatabase("chat").getCollection("accounts").find().first())
          .isEqualTo(account);
    }
  }

  /** The keys of one of the file's document maps, in the map's order. */
  private static List<Object> storedKeys(Path file, String map) {
    MVStore store = new MVStore.Builder().fileName(file.toString()).readOnly().open();
    try {
      return new ArrayList<>(
          store
              .openMap(map, new MVMap.Builder<Object, Object>().valueType(new CompactDocuments()))
              .keySet());
    } finally {
      store.close();
    }
  }

  private static MongoCollection<Document> messages(MongoClient client) {
    return client.getDatabase("chat").getCollection("messages");
  }

  private static List<Document> documents(String room, int fromSeq, int toSeq) {
    return IntStream.rangeClosed(fromSeq, toSeq)
        .mapToObj(
            seq ->
                new Document("_id", room + "-id-" + seq)
                    .append("room", room)
                    .append("seq", (long) seq)
                    .append("key", room + "/" + seq))
        .toList();
  }

  /** Every key is found through its unique index and every index refuses a second copy. */
  private static void assertIndexesServe(MongoCollection<Document> messages, int lastSeq) {
    List<String> keys = new ArrayList<>();
    for (int seq = 1; seq <= lastSeq; seq++) {
      keys.add("general/" + seq);
    }
    assertThat(messages.countDocuments(Filters.in("key", keys))).isEqualTo(lastSeq);
    assertThat(messages.find(Filters.eq("key", "general/" + lastSeq)).first())
        .containsEntry("seq", (long) lastSeq);
    for (Document copy :
        List.of(
            new Document("_id", "fresh-1")
                .append("room", "general")
                .append("seq", 1L)
                .append("key", "fresh/1"),
            new Document("_id", "fresh-2")
                .append("room", "x")
                .append("seq", 1L)
                .append("key", "general/" + lastSeq),
            new Document("_id", "general-id-1")
                .append("room", "y")
                .append("seq", 1L)
                .append("key", "fresh/2"))) {
      assertThat(duplicateKey(messages, copy)).as("refused: %s", copy).isTrue();
    }
  }

  private static boolean duplicateKey(MongoCollection<Document> messages, Document document) {
    try {
      messages.insertOne(document);
      return false;
    } catch (MongoWriteException e) {
      return ErrorCategory.fromErrorCode(e.getError().getCode()) == ErrorCategory.DUPLICATE_KEY;
    }
  }
}
