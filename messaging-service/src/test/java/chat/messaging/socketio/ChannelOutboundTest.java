package chat.messaging.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChannelOutboundTest {

  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(ints = {0, 125, 126, 65_535, 65_536, 1_000_000})
  void framesDecodeAsOneUnmaskedTextFrameOfTheSameText(int length) {
    String text = "x".repeat(length);
    ByteBuf frame =
        ChannelOutbound.textFrame(ByteBufAllocator.DEFAULT, text.getBytes(StandardCharsets.UTF_8));
    // What a client's decoder makes of it: server frames are unmasked.
    EmbeddedChannel client =
        new EmbeddedChannel(new WebSocket08FrameDecoder(false, false, 2 << 20));

    client.writeInbound(frame);

    TextWebSocketFrame decoded = client.readInbound();
    assertThat(decoded.isFinalFragment()).isTrue();
    assertThat(decoded.text()).isEqualTo(text);
    assertThat((Object) client.readInbound()).isNull();
    decoded.release();
  }

  @Test
  void framesOfferedOnTheLoopGoOutInOfferOrderWithOneFlushAfterTheCurrentTask() throws Exception {
    try (LocalPair pair = new LocalPair()) {
      AtomicInteger written = new AtomicInteger();
      ChannelOutbound outbound = new ChannelOutbound(pair.client, 8, written::incrementAndGet);

      pair.client
          .eventLoop()
          .submit(
              () -> {
                assertThat(outbound.offer(bytes("40"))).isEqualTo(ChannelOutbound.Offer.WRITTEN);
                assertThat(outbound.offer(bytes("2"))).isEqualTo(ChannelOutbound.Offer.WRITTEN);
                assertThat(pair.flushes.count).as("no flush within the task").isZero();
              })
          .sync();

      assertThat(pair.received.poll(5, TimeUnit.SECONDS)).isEqualTo("40");
      assertThat(pair.received.poll(5, TimeUnit.SECONDS)).isEqualTo("2");
      assertThat(written).hasValue(2);
      assertThat(pair.flushes.count).isEqualTo(1);
    }
  }

  @Test
  void aFrameOfferedFromAnotherThreadIsWrittenAndFlushedOnTheLoop() throws Exception {
    try (LocalPair pair = new LocalPair()) {
      ChannelOutbound outbound = new ChannelOutbound(pair.client, 8, () -> {});

      assertThat(outbound.offer(bytes("42[\"a\"]"))).isEqualTo(ChannelOutbound.Offer.WRITTEN);

      assertThat(pair.received.poll(5, TimeUnit.SECONDS)).isEqualTo("42[\"a\"]");
    }
  }

  @Test
  void aClientThatDoesNotReadFillsTheBoundAndIsReportedFull() {
    HeldWrites held = new HeldWrites();
    EmbeddedChannel channel = new EmbeddedChannel(held);
    ChannelOutbound outbound = new ChannelOutbound(channel, 3, () -> {});

    for (int i = 0; i < 3; i++) {
      assertThat(outbound.offer(bytes("42[\"e\"," + i + "]")))
          .isEqualTo(ChannelOutbound.Offer.WRITTEN);
    }
    assertThat(outbound.offer(bytes("42[\"e\",3]"))).isEqualTo(ChannelOutbound.Offer.FULL);

    held.completeOne(); // the socket took one frame: room for one more
    assertThat(outbound.offer(bytes("42[\"e\",4]"))).isEqualTo(ChannelOutbound.Offer.WRITTEN);
    assertThat(outbound.offer(bytes("42[\"e\",5]"))).isEqualTo(ChannelOutbound.Offer.FULL);
    held.releaseAll();
  }

  @Test
  void aClosedChannelTakesNoFrames() {
    EmbeddedChannel channel = new EmbeddedChannel();
    ChannelOutbound outbound = new ChannelOutbound(channel, 8, () -> {});
    channel.close();

    assertThat(outbound.offer(bytes("3"))).isEqualTo(ChannelOutbound.Offer.CLOSED);
    assertThat((Object) channel.readOutbound()).isNull();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String payloadOf(ByteBuf frame) {
    try {
      return nextPayload(frame);
    } finally {
      frame.release();
    }
  }

  /** Reads one short text frame (payload under 126 bytes) off {@code bytes}. */
  private static String nextPayload(ByteBuf bytes) {
    assertThat((int) bytes.readUnsignedByte()).isEqualTo(0x81);
    int length = bytes.readUnsignedByte();
    return bytes.readCharSequence(length, StandardCharsets.UTF_8).toString();
  }

  /** Two connected in-memory channels on one real event loop; the server collects payloads. */
  private static final class LocalPair implements AutoCloseable {
    final DefaultEventLoop loop = new DefaultEventLoop();
    final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    final Flushes flushes = new Flushes();
    final Channel server;
    final Channel client;

    LocalPair() throws InterruptedException {
      LocalAddress address = new LocalAddress("outbound-" + System.nanoTime());
      server =
          new ServerBootstrap()
              .group(loop)
              .channel(LocalServerChannel.class)
              .childHandler(
                  new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                      ByteBuf bytes = (ByteBuf) msg; // a stream: frames may arrive together
                      try {
                        while (bytes.isReadable()) {
                          received.add(nextPayload(bytes));
                        }
                      } finally {
                        bytes.release();
                      }
                    }
                  })
              .bind(address)
              .sync()
              .channel();
      client =
          new Bootstrap()
              .group(loop)
              .channel(LocalChannel.class)
              .handler(flushes)
              .connect(address)
              .sync()
              .channel();
    }

    @Override
    public void close() throws InterruptedException {
      client.close().sync();
      server.close().sync();
      loop.shutdownGracefully().sync();
    }
  }

  /** Counts the flushes that reach the socket. */
  private static final class Flushes extends ChannelOutboundHandlerAdapter {
    volatile int count;

    @Override
    public void flush(ChannelHandlerContext ctx) {
      count++;
      ctx.flush();
    }
  }

  /** A peer that does not read: writes stay pending until completed here. */
  private static final class HeldWrites extends ChannelOutboundHandlerAdapter {
    private final List<ChannelPromise> promises = new ArrayList<>();
    private final List<ByteBuf> frames = new ArrayList<>();

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
      frames.add((ByteBuf) msg);
      promises.add(promise);
    }

    void completeOne() {
      frames.remove(0).release();
      promises.remove(0).setSuccess();
    }

    void releaseAll() {
      frames.forEach(ByteBuf::release);
    }
  }
}
