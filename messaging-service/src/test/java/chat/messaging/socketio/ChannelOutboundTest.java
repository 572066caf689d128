package chat.messaging.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
  void framesAreWrittenAndCountedInOfferOrder() {
    EmbeddedChannel channel = new EmbeddedChannel();
    AtomicInteger written = new AtomicInteger();
    ChannelOutbound outbound = new ChannelOutbound(channel, 8, written::incrementAndGet);

    assertThat(outbound.offer(bytes("40"))).isEqualTo(ChannelOutbound.Offer.WRITTEN);
    assertThat(outbound.offer(bytes("2"))).isEqualTo(ChannelOutbound.Offer.WRITTEN);

    assertThat(payloadOf(channel.readOutbound())).isEqualTo("40");
    assertThat(payloadOf(channel.readOutbound())).isEqualTo("2");
    assertThat(written).hasValue(2);
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
      assertThat((int) frame.readUnsignedByte()).isEqualTo(0x81);
      int length = frame.readUnsignedByte();
      return frame.readCharSequence(length, StandardCharsets.UTF_8).toString();
    } finally {
      frame.release();
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
