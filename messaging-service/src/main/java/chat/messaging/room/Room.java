package chat.messaging.room;

import chat.events.UserIds;
import java.util.List;

/**
 * A room. Rooms never change once created: the global room has no member list (everyone is a
 * member), a DM room has exactly its two users.
 *
 * @param id {@link RoomIds#GENERAL} or a {@link RoomIds#dm} id
 * @param type global or dm
 * @param members the two user ids of a DM as their accounts spell them; empty for the global room
 */
public record Room(String id, RoomType type, List<String> members) {

  public Room {
    members = List.copyOf(members);
  }

  /** The global room. */
  public static final Room GENERAL = new Room(RoomIds.GENERAL, RoomType.GLOBAL, List.of());

  /** Whether {@code userId} may read and write this room. */
  public boolean hasMember(String userId) {
    if (type == RoomType.GLOBAL) {
      return true;
    }
    String key = UserIds.canonical(userId);
    return members.stream().anyMatch(member -> UserIds.canonical(member).equals(key));
  }

  /** The canonical ids of the members ({@code empty} for the global room). */
  public List<String> memberKeys() {
    return members.stream().map(UserIds::canonical).toList();
  }

  /** This room as the API shows it, with its last sequence number. */
  public RoomSummary summary(long lastSeq) {
    return new RoomSummary(id, type, type == RoomType.DM ? members : null, lastSeq);
  }
}
