package chat.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * An entry of the registry (Redis hash {@link RedisKeys#USERS}). Users are never deleted, only
 * marked offline.
 *
 * @param userId the account's user name
 * @param status online while at least one socket of the user is alive on any replica
 * @param lastSeen when the user was last seen connected; for an online user, when they came online
 */
public record User(String userId, Status status, Instant lastSeen) {

  /** Presence status, serialized in lower case as in the protocol. */
  public enum Status {
    @JsonProperty("online")
    ONLINE,
    @JsonProperty("offline")
    OFFLINE
  }

  public boolean online() {
    return status == Status.ONLINE;
  }
}
