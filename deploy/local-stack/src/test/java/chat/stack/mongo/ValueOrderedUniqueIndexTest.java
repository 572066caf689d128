package chat.stack.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.memory.index.MemoryUniqueIndex;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.DuplicateKeyError;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ValueOrderedUniqueIndexTest {

  private final MVStore store = MVStore.open(null);

  /** Only named by the duplicate key error. */
  @SuppressWarnings("unchecked")
  private final MongoCollection<Object> messages =
      (MongoCollection<Object>)
          Proxy.newProxyInstance(
              getClass().getClassLoader(),
              new Class<?>[] {MongoCollection.class},
              (proxy, method, args) -> "chat.messages");

  @AfterEach
  void close() {
    store.close();
  }

  private ValueOrderedUniqueIndex index(String name, boolean sparse, String... fields) {
    MVMap<KeyValue, Object> map =
        store.openMap(name, new MVMap.Builder<KeyValue, Object>().keyType(new ValueOrderedKeys()));
    return new ValueOrderedUniqueIndex(map, name, keys(fields), sparse);
  }

  private static List<IndexKey> keys(String... fields) {
    return List.of(fields).stream().map(f -> new IndexKey(f, true)).toList();
  }

  private static final List<Document> DOCUMENTS =
      List.of(
          new Document("room", "general").append("seq", 7L).append("key", "general/7"),
          new Document("room", "general").append("seq", 7),
          new Document("room", "general").append("seq", 7.0),
          new Document("room", "dm:a|b").append("seq", Long.MAX_VALUE),
          new Document("room", null).append("seq", -0.0),
          new Document("seq", 1),
          new Document("room", new Document("nested", true)).append("seq", 2),
          new Document("room", "general").append("seq", new Date(0)),
          new Document("room", "general").append("seq", Instant.EPOCH),
          new Document("room", List.of("x", "y")).append("seq", 3),
          new Document("room", "general").append("seq", List.of()));

  @Test
  void keysOfTopLevelFieldsAreTheLibrarysKeys() {
    ValueOrderedUniqueIndex ours = index("room_seq", false, "room", "seq");
    MemoryUniqueIndex library = new MemoryUniqueIndex("room_seq", keys("room", "seq"), false);

    for (Document document : DOCUMENTS) {
      assertThat(ours.getKeyValues(document))
          .as("%s", document)
          .containsExactlyElementsOf(library.getKeyValues(document));
    }
  }

  @Test
  void keysOfDottedFieldsAndSparseIndexesAreTheLibrarysKeys() {
    Document document = new Document("a", new Document("b", 5)).append("c", "x");
    assertThat(index("dotted", false, "a.b", "c").getKeyValues(document))
        .containsExactlyElementsOf(
            new MemoryUniqueIndex("dotted", keys("a.b", "c"), false).getKeyValues(document));
    assertThat(index("sparse", true, "c").getKeyValues(document))
        .containsExactlyElementsOf(
            new MemoryUniqueIndex("sparse", keys("c"), true).getKeyValues(document));
  }

  @Test
  void aDuplicateKeyIsRefusedWhateverTheNumberType() {
    ValueOrderedUniqueIndex index = index("room_seq", false, "room", "seq");
    index.add(new Document("room", "general").append("seq", 1L), 1L, messages);

    assertThatThrownBy(
            () -> index.checkAdd(new Document("room", "general").append("seq", 1), messages))
        .isInstanceOf(DuplicateKeyError.class)
        .hasMessageContaining("room_seq");
    assertThatThrownBy(
            () -> index.add(new Document("room", "general").append("seq", 1.0), 2L, messages))
        .isInstanceOf(DuplicateKeyError.class);
    index.checkAdd(new Document("room", "general").append("seq", 2), messages);
    assertThat(index.getCount()).isEqualTo(1);
  }

  @Test
  void documentsWithArraysAreIndexedPerElement() {
    ValueOrderedUniqueIndex index = index("tags", false, "tag");
    index.add(new Document("tag", List.of("a", "b")), 1L, messages);

    assertThat(index.getCount()).isEqualTo(2);
    assertThatThrownBy(() -> index.checkAdd(new Document("tag", "b"), messages))
        .isInstanceOf(DuplicateKeyError.class);
  }
}
