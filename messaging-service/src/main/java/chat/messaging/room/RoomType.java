package chat.messaging.room;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Kind of room; also the {@code type} tag of the stored-messages metric. */
public enum RoomType {
  @JsonProperty("global")
  GLOBAL,
  @JsonProperty("dm")
  DM;

  /** The wire and metric tag form: {@code global} or {@code dm}. */
  public String tag() {
    return this == GLOBAL ? "global" : "dm";
  }
}
