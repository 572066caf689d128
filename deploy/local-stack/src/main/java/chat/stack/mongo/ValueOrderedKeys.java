package chat.stack.mongo;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.ValueComparator;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The key type of a unique index map, ordered by the keys' values and stored compactly.
 *
 * <p>Order: the stock type orders a {@link KeyValue}, which is not {@code Comparable}, by
 * serializing both sides on every comparison: about forty serializations per index lookup in a
 * 100k-entry map, which made each inserted message cost ~6 ms of the wire server's CPU.
 *
 * <p>Storage: a key of {@link CompactValues} is written as {@link #TAG}, its size and its values;
 * any other key, and every key read that does not start with {@link #TAG} (all keys of files
 * written before), is Java-serialized as the stock type does (its tags are all below {@link #TAG}).
 */
final class ValueOrderedKeys extends ObjectDataType {

  /** First byte of a compact key; {@link ObjectDataType} uses 0..119, documents 0xF0. */
  static final int TAG = 0xF1;

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

  @Override
  public int getMemory(Object key) {
    if (!isCompact(key)) {
      return super.getMemory(key);
    }
    int memory = 48;
    for (Object value : (KeyValue) key) {
      memory += 8 + CompactValues.memory(value);
    }
    return memory;
  }

  @Override
  public void write(WriteBuffer buffer, Object key) {
    if (!isCompact(key)) {
      super.write(buffer, key);
      return;
    }
    KeyValue values = (KeyValue) key;
    buffer.put((byte) TAG).putVarInt(values.size());
    for (Object value : values) {
      CompactValues.write(buffer, value);
    }
  }

  @Override
  public Object read(ByteBuffer buffer) {
    if ((buffer.get(buffer.position()) & 0xFF) != TAG) {
      return super.read(buffer);
    }
    buffer.get();
    int size = DataUtils.readVarInt(buffer);
    List<Object> values = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      values.add(CompactValues.read(buffer));
    }
    return new KeyValue(values);
  }

  private static boolean isCompact(Object key) {
    if (!(key instanceof KeyValue values)) {
      return false;
    }
    for (Object value : values) {
      if (!CompactValues.isCompact(value)) {
        return false;
      }
    }
    return true;
  }
}
