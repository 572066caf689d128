package chat.messaging.message;

import chat.messaging.error.ChatException;
import chat.messaging.error.ErrorCode;

/** The content rule: 1..4000 characters (Unicode code points) after trimming. */
public final class MessageContent {

  /** The longest content accepted, in characters after trimming. */
  public static final int MAX_LENGTH = 4000;

  private MessageContent() {}

  /**
   * The trimmed content.
   *
   * @throws ChatException {@code bad_request} when empty after trimming, {@code too_large} when
   *     longer than {@value #MAX_LENGTH} characters
   */
  public static String validate(String content) {
    String trimmed = content.strip();
    if (trimmed.isEmpty()) {
      throw ChatException.badRequest("content must not be empty");
    }
    if (trimmed.length() > MAX_LENGTH && trimmed.codePointCount(0, trimmed.length()) > MAX_LENGTH) {
      throw new ChatException(
          ErrorCode.TOO_LARGE, "content is longer than " + MAX_LENGTH + " characters");
    }
    return trimmed;
  }
}
