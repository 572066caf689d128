package chat.stack.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.DuplicateKeyError;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.h2.mvstore.MVMap;

/**
 * A unique index kept in an MVStore map keyed by {@link ValueOrderedKeys}.
 *
 * <p>The key of a document is read directly when every indexed field is a top-level one and none
 * holds an array (every index of the chat services): the library's general path splits each field
 * name with a regular expression and collects through streams and maps, three times per index per
 * insert, which made most of the wire server's garbage at 3,000 inserts a second. Any other index
 * or document takes the library's path.
 */
final class ValueOrderedUniqueIndex extends AbstractUniqueIndex<Object> {

  private final MVMap<KeyValue, Object> map;
  private final List<String> fields;
  private final boolean topLevelFields;

  ValueOrderedUniqueIndex(
      MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse) {
    super(name, keys, sparse);
    this.map = map;
    this.fields = keys.stream().map(IndexKey::getKey).toList();
    this.topLevelFields = !sparse && fields.stream().noneMatch(f -> f.contains("."));
  }

  /** The document's key as stored (not normalized), or null when the library must compute it. */
  private KeyValue directKey(Document document) {
    if (!topLevelFields) {
      return null;
    }
    Object[] values = new Object[fields.size()];
    for (int i = 0; i < values.length; i++) {
      Object value = document.getOrMissing(fields.get(i));
      if (value instanceof Collection) {
        return null;
      }
      values[i] = value;
    }
    return new KeyValue(values);
  }

  @Override
  public Set<KeyValue> getKeyValues(Document document) {
    KeyValue key = directKey(document);
    return key == null ? super.getKeyValues(document) : Set.of(key.normalized());
  }

  @Override
  public synchronized void checkAdd(Document document, MongoCollection<Object> collection) {
    KeyValue key = directKey(document);
    if (key == null) {
      super.checkAdd(document, collection);
    } else if (containsKey(key.normalized())) {
      throw new DuplicateKeyError(this, collection, getKeys(), key);
    }
  }

  @Override
  protected Object removeDocument(KeyValue key) {
    return map.remove(key);
  }

  @Override
  protected boolean putKeyPosition(KeyValue key, Object position) {
    return map.putIfAbsent(key, Missing.ofNullable(position)) == null;
  }

  @Override
  protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
    return map.entrySet();
  }

  @Override
  protected Object getPosition(KeyValue key) {
    return map.get(key);
  }

  @Override
  public long getCount() {
    return map.sizeAsLong();
  }

  @Override
  public boolean isEmpty() {
    return map.isEmpty();
  }

  @Override
  public long getDataSize() {
    return getCount();
  }
}
