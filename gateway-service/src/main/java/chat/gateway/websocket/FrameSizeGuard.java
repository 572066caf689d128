package chat.gateway.websocket;

import io.netty.buffer.ByteBuf;

/**
 * Follows the frame headers in the bytes a browser sends and spots the first frame whose payload is
 * longer than the limit. Only headers are looked at (2 to 14 bytes per frame); payloads are skipped
 * by count, never read or copied. Not thread-safe: one per connection, on its event loop.
 */
final class FrameSizeGuard {

  private final long limit;
  private final byte[] header = new byte[14];
  private int headerBytes; // collected so far of the next frame's header
  private long skip; // payload bytes of the current frame still to come

  FrameSizeGuard(long limit) {
    this.limit = limit;
  }

  /** Looks at {@code bytes} (indexes unchanged); false once a frame over the limit has begun. */
  boolean accept(ByteBuf bytes) {
    int index = bytes.readerIndex();
    int end = bytes.writerIndex();
    while (index < end) {
      if (skip > 0) {
        int passed = (int) Math.min(skip, end - index);
        skip -= passed;
        index += passed;
        continue;
      }
      header[headerBytes++] = bytes.getByte(index++);
      int length = headerLength();
      if (length > 0 && headerBytes == length) {
        long payload = payloadLength();
        if (payload < 0 || payload > limit) {
          return false;
        }
        skip = payload;
        headerBytes = 0;
      }
    }
    return true;
  }

  /** RFC 6455 5.2: 2 bytes, 2 or 8 of extended length, 4 of mask; -1 until known. */
  private int headerLength() {
    if (headerBytes < 2) {
      return -1;
    }
    int length7 = header[1] & 0x7F;
    int extended = length7 == 126 ? 2 : length7 == 127 ? 8 : 0;
    boolean masked = (header[1] & 0x80) != 0;
    return 2 + extended + (masked ? 4 : 0);
  }

  /** The payload length; negative when a 64-bit length has its top bit set (invalid). */
  private long payloadLength() {
    int length7 = header[1] & 0x7F;
    if (length7 < 126) {
      return length7;
    }
    int bytes = length7 == 126 ? 2 : 8;
    long length = 0;
    for (int i = 0; i < bytes; i++) {
      length = (length << 8) | (header[2 + i] & 0xFF);
    }
    return length;
  }
}
