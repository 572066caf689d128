package chat.events;

/** Values of {@link ActivityEvent#eventType()}. */
public final class ActivityType {

  public static final String USER_REGISTERED = "user_registered";
  public static final String LOGIN_SUCCEEDED = "login_succeeded";
  public static final String LOGIN_FAILED = "login_failed";
  public static final String USER_CONNECTED = "user_connected";
  public static final String USER_DISCONNECTED = "user_disconnected";

  /** A message in a global room; {@code data.content} holds its text. */
  public static final String MESSAGE_SENT = "message_sent";

  public static final String DM_STARTED = "dm_started";

  /** A direct message; its text is never included. */
  public static final String DM_SENT = "dm_sent";

  public static final String PRESENCE_CHANGED = "presence_changed";

  private ActivityType() {}
}
