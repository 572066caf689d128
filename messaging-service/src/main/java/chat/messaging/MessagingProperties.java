package chat.messaging;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.UUID;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Chat settings of one messaging replica, bound once from {@code application.yml} (prefix {@code
 * chat.messaging}).
 *
 * @param instanceId this replica's id in connection and activity events ({@code INSTANCE_ID});
 *     blank means host name plus a short random suffix
 * @param messageRateLimitPerSecond messages one socket may send per second on average ({@code
 *     MESSAGE_RATE_LIMIT_PER_SECOND}, default 20); the burst is twice that
 * @param catchUpLimit at most this many missed messages per room in a {@code joinChat} ack
 * @param typing typing indicator settings
 * @param fanout cross-replica fan-out settings
 * @param kafka event publishing settings
 * @param heartbeatInterval how often a {@code heartbeat} connection event is sent for each live
 *     socket (presence declares a silent replica's sockets dead after 30 s)
 * @param mongoTimeout upper bound of every MongoDB call on the chat path
 */
@ConfigurationProperties("chat.messaging")
public record MessagingProperties(
    String instanceId,
    @DefaultValue("20") int messageRateLimitPerSecond,
    @DefaultValue("500") int catchUpLimit,
    @DefaultValue Typing typing,
    @DefaultValue Fanout fanout,
    @DefaultValue Kafka kafka,
    @DefaultValue("10s") Duration heartbeatInterval,
    @DefaultValue("5s") Duration mongoTimeout) {

  public MessagingProperties {
    if (instanceId == null || instanceId.isBlank()) {
      instanceId = hostName() + "-" + UUID.randomUUID().toString().substring(0, 6);
    }
    if (messageRateLimitPerSecond < 1) {
      throw new IllegalArgumentException(
          "chat.messaging.message-rate-limit-per-second must be > 0");
    }
  }

  /**
   * @param expiry a {@code true} without a following {@code false} is ended by the server after
   *     this
   * @param minInterval at most one typing event per user and room reaches others in this interval;
   *     the latest state is forwarded at the end of the interval
   */
  public record Typing(
      @DefaultValue("5s") Duration expiry, @DefaultValue("300ms") Duration minInterval) {}

  /**
   * @param channel the Redis pub/sub channel that carries room events between replicas
   * @param presenceCoalesce at most one {@code presenceUpdate} per socket in this interval
   */
  public record Fanout(
      @DefaultValue("messaging:room-events") String channel,
      @DefaultValue("1s") Duration presenceCoalesce) {}

  /**
   * @param bootstrapServers the brokers ({@code KAFKA_BROKER})
   * @param activityTopic the activity topic ({@code KAFKA_TOPIC}, default {@code chat-activity})
   * @param bufferCapacity events per topic held while Kafka is slow or down (queued plus in
   *     flight); more are dropped and counted in {@code chat.kafka.dropped}
   * @param dropLogInterval drops are logged at most once per this interval
   * @param maxAttempts a record the producer failed to deliver is re-queued up to this many times
   */
  public record Kafka(
      @DefaultValue("127.0.0.1:9092") String bootstrapServers,
      @DefaultValue("chat-activity") String activityTopic,
      @DefaultValue("30000") int bufferCapacity,
      @DefaultValue("30s") Duration dropLogInterval,
      @DefaultValue("5") int maxAttempts) {}

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "messaging";
    }
  }
}
