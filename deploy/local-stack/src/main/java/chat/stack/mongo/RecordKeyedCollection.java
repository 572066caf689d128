package chat.stack.mongo;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.mvstore.MVMap;

/**
 * A collection whose documents are keyed by a record number in insertion order, as MongoDB's own
 * storage engine keys them, instead of by {@code _id} as the stock H2 backend does. The {@code _id}
 * stays unique through its index, which maps it to the record number like every other index.
 *
 * <p>Why: with {@code _id} as the key, documents with hash-like ids (message ids derived from the
 * client's idempotency key) land on a random leaf of the document map each, so every commit
 * rewrites a random page per insert, an insert into a store larger than the page cache first reads
 * its leaf back from the file, and the page copies outlive young collections. Keyed by record
 * number, inserts append to the map's last leaf. Natural order ({@code $natural}) becomes insertion
 * order, as in MongoDB.
 */
final class RecordKeyedCollection extends H2Collection {

  /** The meta map entry that marks a collection as keyed by record number. */
  private static final String LAYOUT = "layout";

  private static final String RECORDS = "records";

  private final MVMap<Object, Document> documents;
  private final AtomicLong next;

  RecordKeyedCollection(
      MongoDatabase database,
      String name,
      CollectionOptions options,
      MVMap<Object, Document> documents,
      MVMap<String, Object> meta,
      CursorRegistry cursors) {
    super(database, name, options, documents, meta, cursors);
    this.documents = documents;
    Object last = documents.lastKey();
    this.next = new AtomicLong(last == null ? 1 : ((Long) last) + 1);
  }

  /**
   * True when {@code documents} are keyed by record number. An empty collection is marked so from
   * now on; a collection written by the stock backend keeps its {@code _id} keys.
   */
  static boolean useRecordKeys(MVMap<Object, Document> documents, MVMap<String, Object> meta) {
    if (documents.isEmpty()) {
      meta.put(LAYOUT, RECORDS);
    }
    return RECORDS.equals(meta.get(LAYOUT));
  }

  @Override
  protected Object addDocumentInternal(Document document) {
    Long record = next.getAndIncrement();
    documents.put(record, document);
    return record;
  }
}
