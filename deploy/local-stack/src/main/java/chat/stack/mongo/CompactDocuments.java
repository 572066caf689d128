package chat.stack.mongo;

import de.bwaldvogel.mongo.bson.Document;
import java.nio.ByteBuffer;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The values of the H2 backend's document maps in a compact binary form. The stock backend stores
 * every document with Java serialization (H2's {@link ObjectDataType}): class descriptors, a
 * reflective walk and much garbage per document written or read back, which made serialization and
 * the garbage collections it causes most of the MongoDB-wire server's work under load.
 *
 * <p>A document of {@link CompactValues} only is written as {@link #TAG} and its {@link
 * CompactValues} form. Anything else, and every value read that does not start with {@link #TAG}
 * (all values of files written before), goes through {@link ObjectDataType}, whose tags are all
 * below {@link #TAG}: old files stay readable and any document can still be stored.
 */
final class CompactDocuments extends BasicDataType<Object> {

  /** First byte of a compact document; {@link ObjectDataType} uses 0..119. */
  static final int TAG = 0xF0;

  private final ObjectDataType fallback = new ObjectDataType();

  @Override
  public Object[] createStorage(int size) {
    return new Object[size];
  }

  @Override
  public int compare(Object a, Object b) {
    return fallback.compare(a, b);
  }

  @Override
  public int getMemory(Object value) {
    return value instanceof Document && CompactValues.isCompact(value)
        ? CompactValues.memory(value)
        : fallback.getMemory(value);
  }

  @Override
  public void write(WriteBuffer buffer, Object value) {
    if (value instanceof Document document && CompactValues.isCompact(document)) {
      CompactValues.writeDocument(buffer.put((byte) TAG), document);
    } else {
      fallback.write(buffer, value);
    }
  }

  @Override
  public Object read(ByteBuffer buffer) {
    if ((buffer.get(buffer.position()) & 0xFF) != TAG) {
      return fallback.read(buffer);
    }
    buffer.get();
    return CompactValues.readDocument(buffer);
  }
}
