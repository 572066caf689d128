package chat.stack.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The H2 backend's database with unique indexes ordered by value ({@link ValueOrderedKeys}) and
 * documents stored in a compact form ({@link CompactDocuments}), keyed by record number in new
 * collections ({@link RecordKeyedCollection}). The index maps are named {@code
 * <db>.<collection>._vindex_<index>}; a map of the stock, serialization-ordered kind ({@code
 * ._index_}) found in an older file is copied into the new one once and removed. The document maps
 * keep their stock names: values written before stay readable as they are.
 */
final class ValueIndexedH2Database extends H2Database {

  private static final Logger log = LoggerFactory.getLogger(ValueIndexedH2Database.class);
  private static final String STOCK_INFIX = "._index_";
  private static final String INFIX = "._vindex_";

  private final MVStore store;

  ValueIndexedH2Database(String name, MVStore store, CursorRegistry cursors) {
    // The super constructor opens the existing indexes through initializeNamespacesAndIndexes,
    // before this.store is set: it is skipped there and run here instead.
    super(name, store, cursors);
    this.store = store;
    initializeNamespacesAndIndexes();
  }

  @Override
  protected void initializeNamespacesAndIndexes() {
    if (store != null) {
      super.initializeNamespacesAndIndexes();
    }
  }

  @Override
  protected Index<Object> openOrCreateUniqueIndex(
      String collection, String indexName, List<IndexKey> keys, boolean sparse) {
    String namespace = getFullCollectionNamespace(collection);
    MVMap<KeyValue, Object> map = open(namespace + INFIX + indexName);
    migrate(namespace + STOCK_INFIX + indexName, map);
    return new ValueOrderedUniqueIndex(map, indexName, keys, sparse);
  }

  @Override
  protected MongoCollection<Object> openOrCreateCollection(
      String collection, CollectionOptions options) {
    String namespace = getFullCollectionNamespace(collection);
    // The stock backend's map names (H2Database.openOrCreateCollection), compact values.
    MVMap<Object, Object> documents =
        store.openMap(
            "databases." + namespace,
            new MVMap.Builder<Object, Object>().valueType(new CompactDocuments()));
    MVMap<String, Object> meta = store.openMap("meta." + namespace);
    @SuppressWarnings("unchecked")
    MVMap<Object, Document> typed = (MVMap<Object, Document>) (MVMap<?, ?>) documents;
    if (RecordKeyedCollection.useRecordKeys(typed, meta)) {
      return new RecordKeyedCollection(this, collection, options, typed, meta, cursorRegistry);
    }
    return new H2Collection(this, collection, options, typed, meta, cursorRegistry);
  }

  @Override
  protected void dropIndex(MongoCollection<Object> collection, String indexName) {
    super.dropIndex(collection, indexName);
    String name = getFullCollectionNamespace(collection.getCollectionName()) + INFIX + indexName;
    if (store.hasMap(name)) {
      store.removeMap(name);
    }
  }

  private MVMap<KeyValue, Object> open(String name) {
    return store.openMap(
        name, new MVMap.Builder<KeyValue, Object>().keyType(new ValueOrderedKeys()));
  }

  /** Iterating the stock map needs no comparisons; inserting into the new one orders by value. */
  private void migrate(String stockName, MVMap<KeyValue, Object> target) {
    if (!store.hasMap(stockName)) {
      return;
    }
    MVMap<KeyValue, Object> stock = store.openMap(stockName);
    for (Map.Entry<KeyValue, Object> entry : stock.entrySet()) {
      target.put(entry.getKey(), entry.getValue());
    }
    store.removeMap(stock);
    store.commit();
    log.info("index {} reordered by value ({} keys)", stockName, target.sizeAsLong());
  }
}
