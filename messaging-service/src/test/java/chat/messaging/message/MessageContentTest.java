package chat.messaging.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.messaging.error.ChatException;
import chat.messaging.error.ErrorCode;
import org.junit.jupiter.api.Test;

class MessageContentTest {

  @Test
  void contentIsTrimmed() {
    assertThat(MessageContent.validate("  hello \n")).isEqualTo("hello");
  }

  @Test
  void emptyOrBlankContentIsABadRequest() {
    assertThatThrownBy(() -> MessageContent.validate("   \t"))
        .isInstanceOfSatisfying(
            ChatException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
  }

  @Test
  void fourThousandCharactersAfterTrimmingAreAccepted() {
    String max = "x".repeat(4000);
    assertThat(MessageContent.validate("  " + max + "  ")).isEqualTo(max);
  }

  @Test
  void longerContentIsTooLarge() {
    assertThatThrownBy(() -> MessageContent.validate("x".repeat(4001)))
        .isInstanceOfSatisfying(
            ChatException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TOO_LARGE));
  }

  @Test
  void charactersAreCodePointsSoEmojiCountOnce() {
    String emoji = "\uD83D\uDE00".repeat(4000); // 8000 UTF-16 units, 4000 characters
    assertThat(MessageContent.validate(emoji)).isEqualTo(emoji);
  }

  @Test
  void resendsOfOneClientMessageShareAnIdAndOthersDoNot() {
    assertThat(MessageIds.of("general", "Alice", "m-1"))
        .isEqualTo(MessageIds.of("general", "alice", "m-1"))
        .isNotEqualTo(MessageIds.of("general", "alice", "m-2"))
        .isNotEqualTo(MessageIds.of("general", "bob", "m-1"))
        .isNotEqualTo(MessageIds.of("dm:alice:bob", "alice", "m-1"));
    assertThat(MessageIds.of("general", "alice", null))
        .isNotEqualTo(MessageIds.of("general", "alice", null));
  }
}
