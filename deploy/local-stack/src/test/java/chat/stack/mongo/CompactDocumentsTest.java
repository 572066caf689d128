package chat.stack.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.bson.Document;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;

class CompactDocumentsTest {

  private final CompactDocuments type = new CompactDocuments();

  @Test
  void aDocumentOfCommonValuesIsWrittenCompactlyAndReadBackEqual() {
    Document message =
        new Document("_id", "general/42")
            .append("room", "general")
            .append("seq", 42L)
            .append("count", 7)
            .append("score", 0.25)
            .append("edited", false)
            .append("pinned", true)
            .append("ts", Instant.parse("2026-11-28T14:15:16.123456789Z"))
            .append("clientMsgId", null)
            .append("content", "héllo ✓ \uD83D\uDE00")
            .append("meta", new Document("by", "ana").append("tags", List.of("a", 1, 2L)));

    ByteBuffer written = write(type, message);

    assertThat(written.get(0) & 0xFF).isEqualTo(CompactDocuments.TAG);
    Document read = (Document) type.read(written);
    assertThat(read).isEqualTo(message);
    assertThat(read.get("seq")).isInstanceOf(Long.class);
    assertThat(read.get("count")).isInstanceOf(Integer.class);
    assertThat(read.keySet()).containsExactlyElementsOf(message.keySet());
    assertThat(written.hasRemaining()).isFalse();
  }

  @Test
  void aDocumentWithOtherValuesFallsBackToJavaSerialization() {
    Document account =
        new Document("_id", UUID.fromString("00000000-0000-0000-0000-000000000007"))
            .append("hash", new byte[] {1, 2, 3});

    ByteBuffer written = write(type, account);

    assertThat(written.get(0) & 0xFF).isNotEqualTo(CompactDocuments.TAG);
    Document read = (Document) type.read(written);
    assertThat(read.get("_id")).isEqualTo(account.get("_id"));
    assertThat((byte[]) read.get("hash")).containsExactly(1, 2, 3);
  }

  @Test
  void valuesWrittenByTheStockTypeStayReadable() {
    Document old = new Document("_id", "general/1").append("seq", 1L).append("content", "hi");

    ByteBuffer written = write(new ObjectDataType(), old);

    assertThat(type.read(written)).isEqualTo(old);
  }

  @Test
  void aPageOfValuesRoundTrips() {
    Object[] page = {
      new Document("seq", 1L), null, "not a document", new Document("n", List.of()), 5L
    };
    WriteBuffer buffer = new WriteBuffer();
    type.write(buffer, page, page.length);
    Object[] read = type.createStorage(page.length);

    type.read(buffer.getBuffer().flip(), read, page.length);

    assertThat(Arrays.asList(read)).isEqualTo(Arrays.asList(page));
  }

  private static ByteBuffer write(org.h2.mvstore.type.DataType<Object> type, Object value) {
    WriteBuffer buffer = new WriteBuffer();
    type.write(buffer, value);
    return buffer.getBuffer().flip();
  }
}
