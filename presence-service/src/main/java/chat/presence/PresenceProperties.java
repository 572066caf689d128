package chat.presence;

import chat.events.Topics;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.UUID;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every setting of presence-service, bound once from {@code application.yml} (which maps the
 * environment variables of the platform onto these properties).
 *
 * @param instanceId this replica's id in logs and activity events ({@code INSTANCE_ID}); default:
 *     host name and a short random suffix
 * @param auth bearer-token verification
 * @param kafka broker, topics and consumer settings
 * @param presence timing of the online/offline state machine
 */
@ConfigurationProperties("chat")
public record PresenceProperties(
    String instanceId,
    @DefaultValue Auth auth,
    @DefaultValue Kafka kafka,
    @DefaultValue Presence presence) {

  public PresenceProperties {
    if (instanceId == null || instanceId.isBlank()) {
      instanceId = hostName() + "-" + UUID.randomUUID().toString().substring(0, 6);
    }
  }

  /**
   * @param jwtSecret the HS256 secret shared by every service ({@code JWT_SECRET}, at least 32
   *     bytes; the development default is refused in the {@code prod} profile)
   */
  public record Auth(String jwtSecret) {}

  /**
   * @param broker bootstrap servers ({@code KAFKA_BROKER}), e.g. {@code 127.0.0.1:9092}
   * @param connectionsTopic the topic of socket lifecycle events, consumed
   * @param deadLetterTopic where records of {@code connectionsTopic} that cannot be parsed go
   * @param activityTopic the activity topic ({@code KAFKA_TOPIC}), where transitions are published
   *     and {@code user_registered} events are read
   * @param groupId consumer group for {@code connectionsTopic}, shared by every replica
   * @param registrationGroupId consumer group for {@code user_registered} events on {@code
   *     activityTopic}, shared by every replica
   * @param consumeRegistrations whether registered users enter the registry (offline) as soon as
   *     they register, rather than on their first connection
   * @param createTopics whether to create {@code connectionsTopic} and {@code deadLetterTopic} at
   *     start when they do not exist
   * @param partitions partitions of the topics this service creates; the upper bound of useful
   *     replicas
   * @param commitInterval how often processed offsets are committed
   * @param activityBuffer how many activity events may wait for Kafka before new ones are dropped
   */
  public record Kafka(
      @DefaultValue("127.0.0.1:9092") String broker,
      @DefaultValue(Topics.CHAT_CONNECTIONS) String connectionsTopic,
      @DefaultValue(Topics.CHAT_CONNECTIONS_DLT) String deadLetterTopic,
      @DefaultValue(Topics.CHAT_ACTIVITY) String activityTopic,
      @DefaultValue("presence-service") String groupId,
      @DefaultValue("presence-service-registry") String registrationGroupId,
      @DefaultValue("true") boolean consumeRegistrations,
      @DefaultValue("true") boolean createTopics,
      @DefaultValue("6") int partitions,
      @DefaultValue("500ms") Duration commitInterval,
      @DefaultValue("10000") int activityBuffer) {

    public Kafka {
      require(partitions > 0, "chat.kafka.partitions must be positive");
      require(activityBuffer > 0, "chat.kafka.activity-buffer must be positive");
      require(positive(commitInterval), "chat.kafka.commit-interval must be positive");
    }
  }

  /**
   * @param gracePeriod how long a user stays online after their last socket closed (counted from
   *     the disconnect's event time), so that a page reload does not flap offline and online
   * @param reconnectWindow the least time a disconnect processed late (consumer lag) still waits
   *     for a reconnect that may be right behind it in the backlog; capped by the grace period
   * @param deadConnectionTimeout a socket that has sent no heartbeat for this long is considered
   *     gone (its messaging replica died); messaging sends one every 10 s
   * @param sweepInterval how often each replica looks for expired grace periods and dead sockets;
   *     bounds the extra delay of an offline transition
   * @param reconcileInterval how often users marked online without any known socket (state lost in
   *     a Redis restart) are scheduled to go offline unless a heartbeat arrives
   * @param closedRetention how long a closed socket is remembered, so that a late or duplicated
   *     event of that socket cannot bring it back
   * @param sweepBatch at most this many deadlines are handled per sweep and kind
   */
  public record Presence(
      @DefaultValue("3s") Duration gracePeriod,
      @DefaultValue("500ms") Duration reconnectWindow,
      @DefaultValue("30s") Duration deadConnectionTimeout,
      @DefaultValue("100ms") Duration sweepInterval,
      @DefaultValue("15s") Duration reconcileInterval,
      @DefaultValue("10m") Duration closedRetention,
      @DefaultValue("1000") int sweepBatch) {

    public Presence {
      require(!gracePeriod.isNegative(), "chat.presence.grace-period must not be negative");
      require(!reconnectWindow.isNegative(), "chat.presence.reconnect-window must not be negative");
      require(
          positive(deadConnectionTimeout),
          "chat.presence.dead-connection-timeout must be positive");
      require(positive(sweepInterval), "chat.presence.sweep-interval must be positive");
      require(positive(reconcileInterval), "chat.presence.reconcile-interval must be positive");
      require(
          closedRetention.compareTo(deadConnectionTimeout) > 0,
          "chat.presence.closed-retention must exceed the dead-connection timeout");
      require(sweepBatch > 0, "chat.presence.sweep-batch must be positive");
    }
  }

  private static boolean positive(Duration duration) {
    return !duration.isNegative() && !duration.isZero();
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "presence";
    }
  }
}
