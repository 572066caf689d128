package chat.messaging.socketio;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The frames on their way to one client, written straight to its connection's Netty channel as
 * complete WebSocket text frames. Any thread may offer: Netty runs a write made elsewhere on the
 * channel's event loop, in the order the writes were made, and a write made on the loop at once. So
 * the frames of one thread keep their order (room fan-out runs on the loop, one task per event in
 * event order), while a frame written on the loop may pass one still queued from another thread. No
 * queue of its own and no per-frame reactive pipeline: at fan-out rates (tens of thousands of
 * frames a second) those cost more than the write itself.
 *
 * <p>A frame offered on the loop is written at once but flushed by a task queued behind it: the
 * frames that the loop's pending tasks write to this channel meanwhile (room fan-out under load) go
 * to the socket in one flush, one system call, instead of one each. An idle loop runs that task
 * right after the current one, so no frame waits for a later event. A frame offered from another
 * thread is written and flushed by Netty on the loop.
 *
 * <p>The bound is kept by counting frames written but not yet handed to the socket, so that
 * offering never blocks and a client that does not read is detected instead of buffered without
 * end.
 */
final class ChannelOutbound {

  /** FIN + opcode 1 (text); server frames are never masked. */
  private static final int FIN_TEXT = 0x81;

  private final Channel channel;
  private final int capacity;
  private final AtomicInteger pending = new AtomicInteger();
  private final ChannelFutureListener onWritten;
  private final Runnable flush = this::flush;

  /** Whether a flush task is queued on the loop; read and written on the loop only. */
  private boolean flushQueued;

  ChannelOutbound(Channel channel, int capacity, Runnable onFrameWritten) {
    this.channel = channel;
    this.capacity = capacity;
    this.onWritten =
        future -> {
          pending.decrementAndGet();
          if (future.isSuccess()) {
            onFrameWritten.run();
          }
        };
  }

  enum Offer {
    WRITTEN,
    FULL,
    CLOSED
  }

  /** Writes {@code payload} as one text frame; the array is copied, so it may be shared. */
  Offer offer(byte[] payload) {
    if (!channel.isActive()) {
      return Offer.CLOSED;
    }
    if (pending.incrementAndGet() > capacity) {
      pending.decrementAndGet();
      return Offer.FULL;
    }
    ByteBuf frame = textFrame(channel.alloc(), payload);
    ChannelPromise promise = channel.newPromise().addListener(onWritten);
    EventLoop loop = channel.eventLoop();
    if (!loop.inEventLoop()) {
      channel.writeAndFlush(frame, promise);
      return Offer.WRITTEN;
    }
    channel.write(frame, promise);
    if (!flushQueued) {
      flushQueued = true;
      loop.execute(flush);
    }
    return Offer.WRITTEN;
  }

  private void flush() {
    flushQueued = false;
    channel.flush();
  }

  /** {@code payload} as an unmasked, unfragmented WebSocket text frame (RFC 6455, 5.2). */
  static ByteBuf textFrame(ByteBufAllocator alloc, byte[] payload) {
    int length = payload.length;
    int header = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
    ByteBuf frame = alloc.ioBuffer(header + length);
    frame.writeByte(FIN_TEXT);
    if (length < 126) {
      frame.writeByte(length);
    } else if (length <= 0xFFFF) {
      frame.writeByte(126).writeShort(length);
    } else {
      frame.writeByte(127).writeLong(length);
    }
    return frame.writeBytes(payload);
  }
}
