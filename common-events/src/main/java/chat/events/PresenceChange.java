package chat.events;

/**
 * Published by presence-service on {@link RedisKeys#PRESENCE_CHANGES} when a user goes online or
 * offline.
 *
 * @param user the user's new registry entry
 */
public record PresenceChange(User user) {}
