package chat.gateway.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
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
 * closes, what was read from it is flushed to the other, which is then closed.
 */
final class ByteRelay {

  private static final Logger log = LoggerFactory.getLogger(ByteRelay.class);
  static final String HANDLER = "chat.websocketRelay";

  private final Side browser;
  private final Side upstream;

  private ByteRelay(Channel browser, Channel upstream) {
    this.browser = new Side(browser);
    this.upstream = new Side(upstream);
    this.browser.peer = this.upstream;
    this.upstream.peer = this.browser;
  }

  /**
   * Joins the two connections: {@code greeting} (the upstream's 101 response, and any bytes the
   * upstream sent after it) is written to the browser first. Completes when both are closed.
   */
  static Mono<Void> join(Channel browser, Channel upstream, ByteBuf greeting) {
    ByteRelay relay = new ByteRelay(browser, upstream);
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
      upstream.closeWhenFlushed();
    } else if (!upstream.channel.isActive()) {
      browser.closeWhenFlushed();
    }
  }

  /** Both sides closed once what was read from the other has been written. */
  private void close() {
    browser
        .channel
        .eventLoop()
        .execute(
            () -> {
              browser.closeWhenFlushed();
              upstream.closeWhenFlushed();
            });
  }

  /** One connection of the pair: reads are written to the peer. */
  private static final class Side extends ChannelInboundHandlerAdapter {
    private final Channel channel;
    private volatile ChannelHandlerContext context;
    private Side peer;

    Side(Channel channel) {
      this.channel = channel;
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

    void closeWhenFlushed() {
      context.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
      if (!(message instanceof ByteBuf)) {
        ReferenceCountUtil.release(message); // only bytes come off a socket
        return;
      }
      peer.write(message);
      if (!peer.channel.isWritable()) {
        channel.config().setAutoRead(false);
      }
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
      peer.closeWhenFlushed();
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
