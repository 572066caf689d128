package chat.messaging.message;

import chat.messaging.error.ChatException;

/** The history page size rule of {@code loadHistory} and the HTTP history: 1..100, default 50. */
public final class PageSize {

  public static final int DEFAULT = 50;
  public static final int MAX = 100;

  private PageSize() {}

  /**
   * The page size for a requested {@code limit} (null: the default).
   *
   * @throws ChatException {@code bad_request} outside 1..100
   */
  public static int of(Long limit) {
    if (limit == null) {
      return DEFAULT;
    }
    if (limit < 1 || limit > MAX) {
      throw ChatException.badRequest("limit must be between 1 and " + MAX);
    }
    return limit.intValue();
  }
}
