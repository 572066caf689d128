package chat.messaging.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RoomIdsTest {

  @Test
  void dmIdIsTheSameWhoeverStartsIt() {
    assertThat(RoomIds.dm("alice", "bob")).isEqualTo("dm:alice:bob");
    assertThat(RoomIds.dm("bob", "alice")).isEqualTo("dm:alice:bob");
  }

  @Test
  void dmIdIgnoresCaseLikeUserIdsDo() {
    assertThat(RoomIds.dm("Alice", "BOB")).isEqualTo(RoomIds.dm("alice", "bob"));
  }

  @Test
  void namesWithUnderscoresDoNotCollideAsInTheOriginalSystem() {
    // The original "a_b" + "c" and "a" + "b_c" both gave "a_b_c".
    assertThat(RoomIds.dm("a_b", "ccc")).isNotEqualTo(RoomIds.dm("a_b_c", "ccc"));
    assertThat(RoomIds.dm("abc_x", "yyy")).isNotEqualTo(RoomIds.dm("abc", "x_yyy"));
  }

  @Test
  void aDmNeedsTwoDifferentValidUsers() {
    assertThatThrownBy(() -> RoomIds.dm("alice", "ALICE"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RoomIds.dm("alice", "b:ob"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RoomIds.dm("alice", "x")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void membersAreReadBackOnlyFromWellFormedDmIds() {
    assertThat(RoomIds.dmMembers("dm:alice:bob")).contains(List.of("alice", "bob"));
    assertThat(RoomIds.dmMembers("dm:bob:alice")).isEmpty(); // not in canonical order
    assertThat(RoomIds.dmMembers("dm:Alice:bob")).isEmpty(); // not canonical case
    assertThat(RoomIds.dmMembers("dm:alice:alice")).isEmpty();
    assertThat(RoomIds.dmMembers("dm:alice")).isEmpty();
    assertThat(RoomIds.dmMembers("dm:alice:bob:carol")).isEmpty();
    assertThat(RoomIds.dmMembers("general")).isEmpty();
    assertThat(RoomIds.dmMembers(null)).isEmpty();
  }

  @Test
  void theGlobalRoomHasEveryoneAndADmOnlyItsTwoUsers() {
    Room dm = new Room(RoomIds.dm("alice", "bob"), RoomType.DM, List.of("Alice", "bob"));
    assertThat(Room.GENERAL.hasMember("anyone")).isTrue();
    assertThat(dm.hasMember("ALICE")).isTrue();
    assertThat(dm.hasMember("bob")).isTrue();
    assertThat(dm.hasMember("carol")).isFalse();
    assertThat(dm.memberKeys()).containsExactly("alice", "bob");
  }
}
