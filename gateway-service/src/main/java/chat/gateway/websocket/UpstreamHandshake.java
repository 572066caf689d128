package chat.gateway.websocket;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Opens a connection to the upstream on the browser connection's own event loop (so the relay never
 * hands bytes between threads) and forwards the browser's upgrade request. The upstream's answer is
 * returned as it came: a {@code 101} with its head re-encoded for the browser (the {@code
 * Sec-WebSocket-Accept} answers the browser's own key, so the handshake is end to end), or any
 * other response whole, to be answered over HTTP.
 */
final class UpstreamHandshake {

  /** The largest non-101 answer read from the upstream (an error body). */
  static final int MAX_RESPONSE = 64 * 1024;

  private static final String CODEC = "codec";
  private static final String AGGREGATOR = "aggregator";
  private static final String HANDSHAKE = "handshake";

  private UpstreamHandshake() {}

  /** The upstream's answer; exactly one of {@code upgraded} / {@code refused} is set. */
  record Answer(Upgraded upgraded, FullHttpResponse refused) {}

  /**
   * The upstream switched protocols: its connection (HTTP handlers removed) and the bytes to send
   * the browser first (the 101 head and anything the upstream sent after it).
   */
  record Upgraded(Channel channel, ByteBuf greeting) {}

  /**
   * Connects to {@code address} on {@code loop} with a channel of {@code type} and sends {@code
   * request}. Fails with the connect error (refused, timed out) or a {@link TimeoutException} when
   * no answer comes within {@code answerTimeout}.
   */
  static Mono<Answer> connect(
      EventLoop loop,
      Class<? extends Channel> type,
      InetSocketAddress address,
      FullHttpRequest request,
      Duration connectTimeout,
      Duration answerTimeout) {
    return Mono.<Answer>create(
            sink -> {
              AnswerHandler answer = new AnswerHandler(sink);
              Bootstrap bootstrap =
                  new Bootstrap()
                      .group(loop)
                      .channel(type)
                      .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
                      .option(ChannelOption.TCP_NODELAY, true)
                      .handler(
                          new ChannelInitializer<>() {
                            @Override
                            protected void initChannel(Channel channel) {
                              channel
                                  .pipeline()
                                  .addLast(CODEC, new HttpClientCodec())
                                  .addLast(AGGREGATOR, new HttpObjectAggregator(MAX_RESPONSE))
                                  .addLast(HANDSHAKE, answer);
                            }
                          });
              ChannelFuture connected = bootstrap.connect(address);
              sink.onCancel(
                  () -> {
                    answer.settled.set(true); // nobody waits any more: nothing to signal
                    connected.channel().close();
                  });
              connected.addListener(
                  f -> {
                    if (f.isSuccess()) {
                      connected.channel().writeAndFlush(request);
                    } else {
                      request.release();
                      answer.fail(f.cause());
                    }
                  });
            })
        .timeout(
            answerTimeout,
            Mono.error(
                () ->
                    new TimeoutException("no WebSocket handshake answer within " + answerTimeout)));
  }

  /**
   * Receives the upstream's answer to the upgrade request, then anything sent after a 101. Signals
   * the sink once; whatever arrives after that (or after a cancel) is released.
   */
  private static final class AnswerHandler extends SimpleChannelInboundHandler<Object> {
    private final MonoSink<Answer> sink;
    private final AtomicBoolean settled = new AtomicBoolean();
    private CompositeByteBuf greeting;

    AnswerHandler(MonoSink<Answer> sink) {
      super(false);
      this.sink = sink;
    }

    void fail(Throwable error) {
      if (settled.compareAndSet(false, true)) {
        sink.error(error);
      }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object message) {
      if (message instanceof FullHttpResponse response) {
        if (response.status().code() != HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
          ctx.channel().close();
          if (settled.compareAndSet(false, true)) {
            sink.success(new Answer(null, response));
          } else {
            response.release();
          }
          return;
        }
        greeting = ctx.alloc().compositeBuffer();
        greeting.addComponent(true, head(ctx, response));
        response.release();
        // After a 101 the codec passes the bytes that follow through unparsed (the upstream may
        // send its first frame in the same segment); removing it hands on what it still holds.
        // The answer is given once that is collected, after the read completes.
        ctx.channel().config().setAutoRead(false);
        ctx.pipeline().remove(AGGREGATOR);
        ctx.pipeline().remove(CODEC);
        return;
      }
      if (message instanceof ByteBuf bytes && greeting != null) {
        greeting.addComponent(true, bytes);
        return;
      }
      ReferenceCountUtil.release(message);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      if (greeting == null) {
        return;
      }
      ctx.pipeline().remove(this);
      if (settled.compareAndSet(false, true)) {
        sink.success(new Answer(new Upgraded(ctx.channel(), greeting), null));
      } else {
        greeting.release();
        ctx.close();
      }
      greeting = null;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (greeting != null) {
        greeting.release();
        greeting = null;
      }
      fail(new IOException("upstream closed before answering the upgrade"));
      ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
      fail(cause);
    }

    /** {@code HTTP/1.1 101 Switching Protocols} and the upstream's headers, as bytes. */
    private static ByteBuf head(ChannelHandlerContext ctx, FullHttpResponse response) {
      StringBuilder head =
          new StringBuilder(256)
              .append(response.protocolVersion())
              .append(' ')
              .append(response.status())
              .append("\r\n");
      for (Map.Entry<String, String> header : response.headers()) {
        head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
      }
      head.append("\r\n");
      return ByteBufUtil.encodeString(
          ctx.alloc(), java.nio.CharBuffer.wrap(head), StandardCharsets.ISO_8859_1);
    }
  }
}
