package chat.gateway.websocket;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Copies the bytes of an upgraded connection both ways between the browser's connection and the
 * upstream's, as they arrive: after the handshake a WebSocket is an opaque byte stream to a proxy
 * (as to nginx or Envoy), so frames are neither decoded nor re-encoded, and whatever one read
 * returns leaves in one write. Each side's handler is the first of its pipeline: it sees the raw
 * bytes before any HTTP handler and writes straight to the socket.
 *
 * <p>Backpressure is TCP's: while one side cannot take more, the other is not read. When one side
 * closes, what was read from it is flushed to the other, which is then finished gracefully: its
 * output is shut down (FIN) and what it still sends is read and dropped until it closes, or for at
 * most {@link #LINGER}. Closing at once while it is still sending (a client in the middle of a
 * frame that the upstream refused as too large) would answer with a TCP reset, and a reset can
 * destroy the last bytes before the peer reads them: the WebSocket close frame with the status.
 */
final class ByteRelay {

  private static final Logger log = LoggerFactory.getLogger(ByteRelay.class);
  static final String HANDLER = "chat.websocketRelay";
  static final Duration LINGER = Duration.ofSeconds(2);

  /** Server-to-client close frame (unmasked): status 1009, reason "frame too large". */
  private static final byte[] TOO_LARGE = {
    (byte) 0x88,
    17,
    0x03,
    (byte) 0xF1,
    'f',
    'r',
    'a',
    'm',
    'e',
    ' ',
    't',
    'o',
    'o',
    ' ',
    'l',
    'a',
    'r',
    'g',
    'e'
  };

  private final Side browser;
  private final Side upstream;

  private ByteRelay(Channel browser, Channel upstream, FrameSizeGuard browserFrames) {
    this.browser = new Side(browser, browserFrames);
    this.upstream = new Side(upstream, null);
    this.browser.peer = this.upstream;
    this.upstream.peer = this.browser;
  }

  /**
   * Joins the two connections: {@code greeting} (the upstream's 101 response, and any bytes the
   * upstream sent after it) is written to the browser first. Completes when both are closed.
   */
  static Mono<Void> join(
      Channel browser, Channel upstream, ByteBuf greeting, long maxFramePayload) {
    ByteRelay relay = new ByteRelay(browser, upstream, new FrameSizeGuard(maxFramePayload));
    return Mono.<Void>create(
            sink -> {
              // Normally called on the browser connection's event loop (where the handshake
              // answered); handlers are then added at once.
              if (browser.eventLoop().inEventLoop()) {
                relay.start(greeting);
              } else {
                browser.eventLoop().execute(() -> relay.start(greeting));
              }
              browser
                  .closeFuture()
                  .addListener(
                      closed -> upstream.closeFuture().addListener(both -> sink.success()));
            })
        .doOnCancel(relay::close);
  }

  private void start(ByteBuf greeting) {
    browser.channel.pipeline().addFirst(HANDLER, browser);
    upstream.channel.pipeline().addFirst(HANDLER, upstream);
    browser.write(greeting);
    browser.flush();
    // Either connection may have stopped reading while the handshake was under way.
    browser.channel.config().setAutoRead(true);
    upstream.channel.config().setAutoRead(true);
    if (!browser.channel.isActive()) {
      upstream.finish();
    } else if (!upstream.channel.isActive()) {
      browser.finish();
    }
  }

  /** Both sides finished once what was read from the other has been written. */
  private void close() {
    browser
        .channel
        .eventLoop()
        .execute(
            () -> {
              browser.finish();
              upstream.finish();
            });
  }

  /** One connection of the pair: reads are written to the peer. */
  private static final class Side extends ChannelInboundHandlerAdapter {
    private final Channel channel;
    private final FrameSizeGuard frames; // what this side sends: the browser's frames only
    private volatile ChannelHandlerContext context;
    private Side peer;
    private boolean finishing; // on the event loop only

    Side(Channel channel, FrameSizeGuard frames) {
      this.channel = channel;
      this.frames = frames;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
      context = ctx;
    }

    void write(Object message) {
      context.write(message, context.voidPromise());
    }

    void flush() {
      context.flush();
    }

    /** Writes what is pending, then half-closes and drains until the peer closes (see above). */
    void finish() {
      if (finishing) {
        return;
      }
      finishing = true;
      context
          .writeAndFlush(Unpooled.EMPTY_BUFFER)
          .addListener(
              written -> {
                if (written.isSuccess() && channel instanceof DuplexChannel duplex) {
                  duplex.shutdownOutput();
                  channel.config().setAutoRead(true);
                  channel
                      .eventLoop()
                      .schedule(() -> channel.close(), LINGER.toMillis(), MILLISECONDS);
                } else {
                  channel.close();
                }
              });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
      if (!(message instanceof ByteBuf bytes) || finishing) {
        ReferenceCountUtil.release(message); // only bytes come off a socket; none wanted now
        return;
      }
      if (frames != null && !frames.accept(bytes)) {
        bytes.release();
        refuseTooLarge();
        return;
      }
      peer.write(message);
      if (!peer.channel.isWritable()) {
        channel.config().setAutoRead(false);
      }
    }

    /**
     * A frame over the limit: answered here with close status 1009, as the upstream would, but
     * without passing on a megabyte that the upstream would refuse by closing at once (its close
     * frame can then be lost to the TCP reset that closing with unread input causes).
     */
    private void refuseTooLarge() {
      write(Unpooled.wrappedBuffer(TOO_LARGE));
      finish();
      peer.finish();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      peer.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      if (channel.isWritable()) {
        peer.channel.config().setAutoRead(true); // drained: read the other side again
      }
      ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      finishing = true;
      peer.finish();
      ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      // A reset by either peer is a normal end of a WebSocket; nothing to report above debug.
      log.debug("relayed WebSocket failed: {}", cause.toString());
      ctx.close();
    }
  }
}
