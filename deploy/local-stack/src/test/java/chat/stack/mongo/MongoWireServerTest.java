package chat.stack.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.nio.file.Path;
import org.bson.Document;
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
}
