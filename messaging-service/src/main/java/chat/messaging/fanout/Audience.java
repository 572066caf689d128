package chat.messaging.fanout;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Who receives a room event.
 *
 * @param members canonical ids of the users whose sockets receive it; null means every socket (the
 *     global room)
 * @param except canonical id of a user whose sockets are skipped (the typist), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Audience(List<String> members, String except) {

  public Audience {
    members = members == null ? null : List.copyOf(members);
  }

  public static Audience everyone() {
    return new Audience(null, null);
  }

  public static Audience everyoneExcept(String userKey) {
    return new Audience(null, userKey);
  }

  public static Audience users(List<String> userKeys) {
    return new Audience(userKeys, null);
  }

  public static Audience usersExcept(List<String> userKeys, String userKey) {
    return new Audience(userKeys, userKey);
  }
}
