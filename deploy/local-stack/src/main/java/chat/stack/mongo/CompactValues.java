package chat.stack.mongo;

import de.bwaldvogel.mongo.bson.Document;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;

/**
 * A compact binary form of the common BSON values as the MongoDB-wire server holds them: null,
 * string, 32- and 64-bit integer, double, boolean, date ({@link Instant}), and documents and arrays
 * of those. Used for stored documents ({@link CompactDocuments}) and unique index keys ({@link
 * ValueOrderedKeys}) instead of Java serialization; callers check {@link #isCompact} first and keep
 * Java serialization for anything else.
 */
final class CompactValues {

  private static final byte NULL = 0;
  private static final byte STRING = 1;
  private static final byte INT = 2;
  private static final byte LONG = 3;
  private static final byte DOUBLE = 4;
  private static final byte FALSE = 5;
  private static final byte TRUE = 6;
  private static final byte DATE = 7;
  private static final byte DOCUMENT = 8;
  private static final byte ARRAY = 9;

  private CompactValues() {}

  /** Whether {@code value} (and everything in it) has a compact form. */
  static boolean isCompact(Object value) {
    if (value instanceof Document document) {
      for (Object field : document.values()) {
        if (!isCompact(field)) {
          return false;
        }
      }
      return true;
    }
    if (value instanceof List<?> list) {
      for (Object element : list) {
        if (!isCompact(element)) {
          return false;
        }
      }
      return true;
    }
    return value == null
        || value instanceof String
        || value instanceof Integer
        || value instanceof Long
        || value instanceof Double
        || value instanceof Boolean
        || value instanceof Instant;
  }

  /** Writes a document for which {@link #isCompact} is true: its size and fields. */
  static void writeDocument(WriteBuffer buffer, Document document) {
    buffer.putVarInt(document.size());
    for (Map.Entry<String, Object> field : document.entrySet()) {
      writeString(buffer, field.getKey());
      write(buffer, field.getValue());
    }
  }

  /** Writes a value for which {@link #isCompact} is true. */
  static void write(WriteBuffer buffer, Object value) {
    if (value == null) {
      buffer.put(NULL);
    } else if (value instanceof String s) {
      writeString(buffer.put(STRING), s);
    } else if (value instanceof Integer i) {
      buffer.put(INT).putVarInt(i);
    } else if (value instanceof Long l) {
      buffer.put(LONG).putVarLong(l);
    } else if (value instanceof Double d) {
      buffer.put(DOUBLE).putDouble(d);
    } else if (value instanceof Boolean b) {
      buffer.put(b ? TRUE : FALSE);
    } else if (value instanceof Instant t) {
      buffer.put(DATE).putVarLong(t.getEpochSecond()).putVarInt(t.getNano());
    } else if (value instanceof Document d) {
      writeDocument(buffer.put(DOCUMENT), d);
    } else if (value instanceof List<?> list) {
      buffer.put(ARRAY).putVarInt(list.size());
      list.forEach(element -> write(buffer, element));
    } else {
      throw new IllegalArgumentException("not compact: " + value.getClass());
    }
  }

  private static void writeString(WriteBuffer buffer, String s) {
    buffer.putVarInt(s.length()).putStringData(s, s.length());
  }

  /** Reads a document written by {@link #writeDocument}. */
  static Document readDocument(ByteBuffer buffer) {
    int size = DataUtils.readVarInt(buffer);
    Document document = new Document();
    for (int i = 0; i < size; i++) {
      String key = DataUtils.readString(buffer);
      document.put(key, read(buffer));
    }
    return document;
  }

  /** Reads a value written by {@link #write}. */
  static Object read(ByteBuffer buffer) {
    byte type = buffer.get();
    return switch (type) {
      case NULL -> null;
      case STRING -> DataUtils.readString(buffer);
      case INT -> DataUtils.readVarInt(buffer);
      case LONG -> DataUtils.readVarLong(buffer);
      case DOUBLE -> buffer.getDouble();
      case FALSE -> false;
      case TRUE -> true;
      case DATE ->
          Instant.ofEpochSecond(DataUtils.readVarLong(buffer), DataUtils.readVarInt(buffer));
      case DOCUMENT -> readDocument(buffer);
      case ARRAY -> {
        int size = DataUtils.readVarInt(buffer);
        List<Object> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
          list.add(read(buffer));
        }
        yield list;
      }
      default -> throw new IllegalStateException("corrupt compact value: type " + type);
    };
  }

  /** A rough heap size, for the page cache's accounting. */
  static int memory(Object value) {
    if (value == null) {
      return 0;
    }
    if (value instanceof String s) {
      return 40 + 2 * s.length();
    }
    if (value instanceof Document document) {
      int sum = 64;
      for (Map.Entry<String, Object> field : document.entrySet()) {
        sum += 32 + memory(field.getKey()) + memory(field.getValue());
      }
      return sum;
    }
    if (value instanceof List<?> list) {
      int sum = 40;
      for (Object element : list) {
        sum += 8 + memory(element);
      }
      return sum;
    }
    return 24;
  }
}
