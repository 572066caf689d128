package chat.messaging.socketio.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.messaging.socketio.codec.SocketIoPacket.Type;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SocketIoCodecTest {

  @Test
  void decodesConnectWithAuthObject() {
    SocketIoPacket packet = SocketIoCodec.decode("0{\"token\":\"abc\"}");
    assertThat(packet.type()).isEqualTo(Type.CONNECT);
    assertThat(packet.namespace()).isEqualTo("/");
    assertThat(packet.ackId()).isNull();
    assertThat(packet.data().path("token").asString()).isEqualTo("abc");
  }

  @Test
  void decodesConnectWithoutData() {
    SocketIoPacket packet = SocketIoCodec.decode("0");
    assertThat(packet.type()).isEqualTo(Type.CONNECT);
    assertThat(packet.data().isMissingNode()).isTrue();
  }

  @Test
  void decodesNamespaceAckIdAndPayload() {
    SocketIoPacket packet = SocketIoCodec.decode("2/admin,12[\"hello\",{\"a\":1},2]");
    assertThat(packet.type()).isEqualTo(Type.EVENT);
    assertThat(packet.namespace()).isEqualTo("/admin");
    assertThat(packet.ackId()).isEqualTo(12L);
    assertThat(packet.eventName()).isEqualTo("hello");
    assertThat(packet.eventPayload().path("a").asInt()).isEqualTo(1);
  }

  @Test
  void decodesNamespaceWithoutData() {
    SocketIoPacket packet = SocketIoCodec.decode("1/admin,");
    assertThat(packet.type()).isEqualTo(Type.DISCONNECT);
    assertThat(packet.namespace()).isEqualTo("/admin");
    assertThat(SocketIoCodec.decode("0/chat").namespace()).isEqualTo("/chat");
  }

  @Test
  void eventWithoutArgumentsHasMissingPayload() {
    SocketIoPacket packet = SocketIoCodec.decode("2[\"ping\"]");
    assertThat(packet.eventName()).isEqualTo("ping");
    assertThat(packet.eventPayload().isMissingNode()).isTrue();
  }

  @Test
  void decodesAckAndBinaryHeader() {
    SocketIoPacket ack = SocketIoCodec.decode("37[\"x\"]");
    assertThat(ack.type()).isEqualTo(Type.ACK);
    assertThat(ack.ackId()).isEqualTo(7L);
    SocketIoPacket binary =
        SocketIoCodec.decode("52-/ns,9[\"up\",{\"_placeholder\":true,\"num\":0}]");
    assertThat(binary.type()).isEqualTo(Type.BINARY_EVENT);
    assertThat(binary.attachments()).isEqualTo(2);
    assertThat(binary.namespace()).isEqualTo("/ns");
    assertThat(binary.ackId()).isEqualTo(9L);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "7", "9[]", "x", "-1", " 2[\"a\"]"})
  void refusesWhatIsNotSocketIoAtAllAsFatal(String data) {
    assertThatThrownBy(() -> SocketIoCodec.decode(data))
        .isInstanceOfSatisfying(
            PacketException.class,
            e -> {
              assertThat(e.error()).isEqualTo(ProtocolError.NOT_SOCKET_IO);
              assertThat(e.error().closesConnection()).isTrue();
            });
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "25{not json|BAD_JSON|5",
        "26[\"a\"] trailing|BAD_JSON|6",
        "27[\"a\"|BAD_JSON|7",
        "28[42]|BAD_PAYLOAD|8",
        "29[]|BAD_PAYLOAD|9",
        "210{\"a\":1}|BAD_PAYLOAD|10",
        "211\"text\"|BAD_PAYLOAD|11",
        "212|BAD_PAYLOAD|12",
        "313{}|BAD_PAYLOAD|13",
        "0[1]|BAD_PAYLOAD|",
        "0\"token\"|BAD_PAYLOAD|",
        "2999999999999999999[\"a\"]|BAD_HEADER|",
        "5x-[\"a\"]|BAD_HEADER|",
        "5[\"a\"]|BAD_HEADER|",
        "5999-[\"a\"]|BAD_HEADER|"
      })
  void refusesMalformedPacketsKeepingTheAckId(String data, ProtocolError error, Long ackId) {
    assertThatThrownBy(() -> SocketIoCodec.decode(data))
        .isInstanceOfSatisfying(
            PacketException.class,
            e -> {
              assertThat(e.error()).isEqualTo(error);
              assertThat(e.error().closesConnection()).isFalse();
              assertThat(e.ackId()).isEqualTo(ackId);
            });
  }

  @Test
  void malformedBinaryPacketKeepsItsAttachmentCount() {
    assertThatThrownBy(() -> SocketIoCodec.decode("53-4{oops"))
        .isInstanceOfSatisfying(
            PacketException.class,
            e -> {
              assertThat(e.attachments()).isEqualTo(3);
              assertThat(e.ackId()).isEqualTo(4L);
            });
  }

  @Test
  void refusesOverlongNamespaceAndDeepNesting() {
    String namespace = "/" + "n".repeat(SocketIoCodec.MAX_NAMESPACE_LENGTH + 1);
    assertThatThrownBy(() -> SocketIoCodec.decode("0" + namespace + ","))
        .isInstanceOfSatisfying(
            PacketException.class, e -> assertThat(e.error()).isEqualTo(ProtocolError.BAD_HEADER));
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    assertThatThrownBy(() -> SocketIoCodec.decode("21" + deep))
        .isInstanceOfSatisfying(
            PacketException.class, e -> assertThat(e.error()).isEqualTo(ProtocolError.BAD_JSON));
  }

  @Test
  void encodesServerFrames() {
    assertThat(text(SocketIoCodec.connected("abc"))).isEqualTo("40{\"sid\":\"abc\"}");
    assertThat(text(SocketIoCodec.connectError("/", "unauthorized")))
        .isEqualTo("44{\"message\":\"unauthorized\"}");
    assertThat(text(SocketIoCodec.connectError("/admin", "Invalid namespace")))
        .isEqualTo("44/admin,{\"message\":\"Invalid namespace\"}");
    assertThat(text(SocketIoCodec.disconnect())).isEqualTo("41");
    assertThat(text(SocketIoCodec.ack(5, null))).isEqualTo("435[]");
    Map<String, Object> ok = new LinkedHashMap<>();
    ok.put("ok", true);
    ok.put("at", Instant.parse("2026-01-02T03:04:05Z"));
    assertThat(text(SocketIoCodec.ack(12, ok)))
        .isEqualTo("4312[{\"ok\":true,\"at\":\"2026-01-02T03:04:05Z\"}]");
    assertThat(text(SocketIoCodec.event("newMessage", Map.of("content", "héllo \"q\""))))
        .isEqualTo("42[\"newMessage\",{\"content\":\"héllo \\\"q\\\"\"}]");
  }

  @Test
  void encodedEventsDecodeBack() {
    String frame = text(SocketIoCodec.event("userTyping", Map.of("room", "general")));
    EngineIoPacket engine = EngineIoPacket.decode(frame);
    assertThat(engine.type()).isEqualTo(EngineIoPacket.Type.MESSAGE);
    SocketIoPacket packet = SocketIoCodec.decode(engine.data());
    assertThat(packet.eventName()).isEqualTo("userTyping");
    assertThat(packet.eventPayload().path("room").asString()).isEqualTo("general");
  }

  @Test
  void encodesOpenPacketWithHeartbeatAndLimits() {
    assertThat(
            text(
                EngineIoFrames.open(
                    "sid1", Duration.ofSeconds(25), Duration.ofSeconds(20), 1_000_000)))
        .isEqualTo(
            "0{\"sid\":\"sid1\",\"upgrades\":[],\"pingInterval\":25000,\"pingTimeout\":20000,"
                + "\"maxPayload\":1000000}");
    assertThat(text(EngineIoFrames.ping())).isEqualTo("2");
    assertThat(text(EngineIoFrames.pong("probe"))).isEqualTo("3probe");
  }

  private static String text(byte[] frame) {
    return new String(frame, StandardCharsets.UTF_8);
  }
}
