package chat.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * Socket lifecycle event on {@link Topics#CHAT_CONNECTIONS}, keyed by {@code userId}.
 *
 * @param type what happened to the connection
 * @param userId owner of the socket
 * @param connectionId the socket id, unique across replicas
 * @param instanceId the messaging replica that holds the socket
 * @param timestamp when it happened, on the producing replica's clock
 */
public record ConnectionEvent(
    Type type, String userId, String connectionId, String instanceId, Instant timestamp) {

  /** Serialized in lower case as in the contract. */
  public enum Type {
    @JsonProperty("connected")
    CONNECTED,
    @JsonProperty("disconnected")
    DISCONNECTED,
    @JsonProperty("heartbeat")
    HEARTBEAT
  }
}
