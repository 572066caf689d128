package chat.gateway.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

class FrameSizeGuardTest {

  private static final int LIMIT = 70_000;

  @Test
  void framesWithinTheLimitPassHoweverTheBytesAreSplit() {
    byte[] stream = concat(frame(0), frame(125), frame(126), frame(65_535), frame(LIMIT), frame(3));
    for (int chunk : new int[] {1, 2, 3, 7, 13, 1000, stream.length}) {
      FrameSizeGuard guard = new FrameSizeGuard(LIMIT);
      for (int from = 0; from < stream.length; from += chunk) {
        int to = Math.min(stream.length, from + chunk);
        assertThat(guard.accept(Unpooled.wrappedBuffer(stream, from, to - from)))
            .as("chunks of %d, at %d", chunk, from)
            .isTrue();
      }
    }
  }

  @Test
  void theFirstFrameOverTheLimitIsSpottedAtItsHeader() {
    byte[] big = frame(LIMIT + 1);
    FrameSizeGuard guard = new FrameSizeGuard(LIMIT);

    assertThat(guard.accept(Unpooled.wrappedBuffer(frame(10)))).isTrue();
    assertThat(guard.accept(Unpooled.wrappedBuffer(big, 0, 2))).isTrue(); // header incomplete
    assertThat(guard.accept(Unpooled.wrappedBuffer(big, 2, 12))).isFalse(); // 14-byte header
  }

  @Test
  void aSixtyFourBitLengthWithTheTopBitSetIsRefused() {
    byte[] header = {
      (byte) 0x81, (byte) (0x80 | 127), (byte) 0x80, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0
    };

    assertThat(new FrameSizeGuard(LIMIT).accept(Unpooled.wrappedBuffer(header))).isFalse();
  }

  /** A masked text frame (as browsers send) with {@code length} payload bytes. */
  private static byte[] frame(int length) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x81);
    if (length < 126) {
      out.write(0x80 | length);
    } else if (length <= 0xFFFF) {
      out.write(0x80 | 126);
      out.write(length >> 8);
      out.write(length);
    } else {
      out.write(0x80 | 127);
      for (int shift = 56; shift >= 0; shift -= 8) {
        out.write((int) ((long) length >> shift));
      }
    }
    out.writeBytes(new byte[] {1, 2, 3, 4}); // mask key
    out.writeBytes(new byte[length]);
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... frames) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] f : frames) {
      out.writeBytes(f);
    }
    return out.toByteArray();
  }
}
