package chat.events;

/** Redis keys and pub/sub channels that more than one service uses. */
public final class RedisKeys {

  /** Hash: user id to {@link User} JSON. The registry, written only by presence-service. */
  public static final String USERS = "users";

  /**
   * Pub/sub channel on which presence-service publishes a {@link PresenceChange} for every
   * online/offline transition; every messaging replica subscribes.
   */
  public static final String PRESENCE_CHANGES = "presence:changes";

  private RedisKeys() {}
}
