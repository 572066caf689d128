package chat.stack.mongo;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.ValueComparator;
import java.util.Comparator;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The key type of a unique index map: stored exactly like the H2 backend stores it (Java
 * serialization of {@link KeyValue}), but ordered by the keys' values. The stock type orders a
 * {@code KeyValue}, which is not {@code Comparable}, by serializing both sides on every comparison:
 * about forty serializations per index lookup in a 100k-entry map, which made each inserted message
 * cost ~6 ms of the wire server's CPU.
 */
final class ValueOrderedKeys extends ObjectDataType {

  private static final Comparator<Object> VALUES = ValueComparator.asc();

  @Override
  public int compare(Object a, Object b) {
    if (a instanceof KeyValue x && b instanceof KeyValue y) {
      int common = Math.min(x.size(), y.size());
      for (int i = 0; i < common; i++) {
        int c = VALUES.compare(x.get(i), y.get(i));
        if (c != 0) {
          return c;
        }
      }
      return Integer.compare(x.size(), y.size());
    }
    return super.compare(a, b);
  }
}
