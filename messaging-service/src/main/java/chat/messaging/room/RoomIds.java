package chat.messaging.room;

import chat.events.UserIds;
import java.util.List;
import java.util.Optional;

/**
 * Room ids. The global room is {@value #GENERAL}. A DM room id is {@code dm:<a>:<b>} where {@code
 * a} and {@code b} are the canonical (lower-case) forms of the two user ids in ascending order: a
 * pure function of the pair, the same whoever starts it, and collision-free because {@code :} can
 * never occur in a user id (the original {@code alice_bob} form collides for names with {@code _}).
 */
public final class RoomIds {

  /** The global room; every user is a member. */
  public static final String GENERAL = "general";

  private static final String DM_PREFIX = "dm:";
  private static final char SEPARATOR = ':';

  private RoomIds() {}

  /**
   * The DM room of two distinct users.
   *
   * @throws IllegalArgumentException if either id is malformed or both name the same user
   */
  public static String dm(String userA, String userB) {
    if (!UserIds.isValid(userA) || !UserIds.isValid(userB)) {
      throw new IllegalArgumentException("not a user id");
    }
    String a = UserIds.canonical(userA);
    String b = UserIds.canonical(userB);
    int order = a.compareTo(b);
    if (order == 0) {
      throw new IllegalArgumentException("a DM needs two different users");
    }
    return order < 0 ? DM_PREFIX + a + SEPARATOR + b : DM_PREFIX + b + SEPARATOR + a;
  }

  /**
   * The canonical ids of the two members if {@code roomId} is a well-formed DM room id (as {@link
   * #dm} builds them, and only those), otherwise empty.
   */
  public static Optional<List<String>> dmMembers(String roomId) {
    if (roomId == null || !roomId.startsWith(DM_PREFIX)) {
      return Optional.empty();
    }
    int split = roomId.indexOf(SEPARATOR, DM_PREFIX.length());
    if (split < 0) {
      return Optional.empty();
    }
    String a = roomId.substring(DM_PREFIX.length(), split);
    String b = roomId.substring(split + 1);
    if (!UserIds.isValid(a) || !UserIds.isValid(b) || !roomId.equals(safeDm(a, b))) {
      return Optional.empty();
    }
    return Optional.of(List.of(a, b));
  }

  private static String safeDm(String a, String b) {
    try {
      return dm(a, b);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
