package chat.stack.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.KeyValue;
import java.nio.ByteBuffer;
import java.util.UUID;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.DataType;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;

class ValueOrderedKeysTest {

  private final ValueOrderedKeys keys = new ValueOrderedKeys();

  @Test
  void keysAreOrderedByValueNotBySerializedForm() {
    assertThat(keys.compare(new KeyValue("general", 2L), new KeyValue("general", 10L)))
        .isNegative();
    assertThat(keys.compare(new KeyValue("a/9"), new KeyValue("b/1"))).isNegative();
    assertThat(keys.compare(new KeyValue("x", 1L), new KeyValue("x", 1L))).isZero();
  }

  @Test
  void keysOfCommonValuesAreWrittenCompactlyAndReadBackEqual() {
    KeyValue key = new KeyValue("general", 42L);

    ByteBuffer written = write(keys, key);

    assertThat(written.get(0) & 0xFF).isEqualTo(ValueOrderedKeys.TAG);
    Object read = keys.read(written);
    assertThat(read).isEqualTo(key);
    assertThat(((KeyValue) read).get(1)).isInstanceOf(Long.class);
    assertThat(written.hasRemaining()).isFalse();
  }

  @Test
  void otherKeysAndKeysWrittenByTheStockTypeStayReadable() {
    KeyValue uuidKey = new KeyValue(UUID.fromString("00000000-0000-0000-0000-000000000001"));
    ByteBuffer fallback = write(keys, uuidKey);
    assertThat(fallback.get(0) & 0xFF).isNotEqualTo(ValueOrderedKeys.TAG);
    assertThat(keys.read(fallback)).isEqualTo(uuidKey);

    KeyValue old = new KeyValue("general/1");
    assertThat(keys.read(write(new ObjectDataType(), old))).isEqualTo(old);
  }

  private static ByteBuffer write(DataType<Object> type, Object value) {
    WriteBuffer buffer = new WriteBuffer();
    type.write(buffer, value);
    return buffer.getBuffer().flip();
  }
}
