package chat.events;

/** Kafka topic names shared by producers and consumers. */
public final class Topics {

  /** Every user-visible event, keyed by user id; consumed by logging-service. */
  public static final String CHAT_ACTIVITY = "chat-activity";

  /** Records of {@code chat-activity} that could not be indexed, with the reason in a header. */
  public static final String CHAT_ACTIVITY_DLT = "chat-activity-dlt";

  /** Socket lifecycle (connected, disconnected, heartbeat), keyed by user id. */
  public static final String CHAT_CONNECTIONS = "chat-connections";

  /** Records of {@code chat-connections} that could not be parsed. */
  public static final String CHAT_CONNECTIONS_DLT = "chat-connections-dlt";

  private Topics() {}
}
