package chat.presence.status;

import chat.events.User;

/**
 * What a presence script did.
 *
 * @param result the script's verdict, e.g. {@code online}, {@code pending}, {@code stale}
 * @param transition the user's new registry entry when the user went online or offline, else null
 */
public record Outcome(String result, User transition) {

  /** Whether the script ignored the input as a duplicate or a late arrival. */
  public boolean stale() {
    return "stale".equals(result) || "duplicate".equals(result);
  }
}
