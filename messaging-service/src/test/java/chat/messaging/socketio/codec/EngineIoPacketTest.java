package chat.messaging.socketio.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.messaging.socketio.codec.EngineIoPacket.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EngineIoPacketTest {

  @ParameterizedTest
  @CsvSource({"0,OPEN", "1,CLOSE", "2,PING", "3,PONG", "4,MESSAGE", "5,UPGRADE", "6,NOOP"})
  void decodesEveryPacketType(String digit, Type type) {
    EngineIoPacket packet = EngineIoPacket.decode(digit + "data");
    assertThat(packet.type()).isEqualTo(type);
    assertThat(packet.data()).isEqualTo("data");
    assertThat(packet.encode()).isEqualTo(digit + "data");
    assertThat(type.code()).isEqualTo(digit.charAt(0));
  }

  @Test
  void messageDataIsTheSocketIoPacket() {
    assertThat(EngineIoPacket.decode("42[\"a\"]").data()).isEqualTo("2[\"a\"]");
    assertThat(EngineIoPacket.decode("3").data()).isEmpty();
  }

  @Test
  void emptyFrameIsRefused() {
    assertThatThrownBy(() -> EngineIoPacket.decode(""))
        .isInstanceOfSatisfying(
            PacketException.class, e -> assertThat(e.error()).isEqualTo(ProtocolError.EMPTY_FRAME));
  }

  @ParameterizedTest
  @ValueSource(strings = {"7", "9abc", "hello", "{}", "\u0000", "-1"})
  void unknownTypesAreNotEngineIo(String frame) {
    assertThatThrownBy(() -> EngineIoPacket.decode(frame))
        .isInstanceOfSatisfying(
            PacketException.class,
            e -> {
              assertThat(e.error()).isEqualTo(ProtocolError.NOT_ENGINE_IO);
              assertThat(e.error().closesConnection()).isTrue();
            });
  }
}
