package chat.messaging.kafka;

import chat.events.ActivityEvent;
import chat.events.ConnectionEvent;
import chat.events.EventJson;
import chat.events.Topics;
import chat.messaging.MessagingProperties;
import chat.messaging.activity.ActivityPublisher;
import chat.messaging.connection.ConnectionPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.kafka.sender.KafkaSender;
import reactor.kafka.sender.SenderOptions;

/**
 * The only place that knows Kafka: one reactor-kafka {@link KafkaSender} (no transactions) behind
 * {@link ActivityPublisher} ({@code chat-activity}) and {@link ConnectionPublisher} ({@code
 * chat-connections}), each topic with its own bounded {@link TopicBuffer}. Swapping the client
 * library means rewriting this package only.
 */
@Component
class KafkaPublishers implements ActivityPublisher, ConnectionPublisher, SmartLifecycle {

  private final MessagingProperties properties;
  private final TopicBuffer activity;
  private final TopicBuffer connections;
  private volatile KafkaSender<String, byte[]> sender;

  KafkaPublishers(MessagingProperties properties, MeterRegistry registry) {
    this.properties = properties;
    MessagingProperties.Kafka kafka = properties.kafka();
    this.activity =
        new TopicBuffer(
            kafka.activityTopic(),
            kafka.bufferCapacity(),
            kafka.maxAttempts(),
            kafka.dropLogInterval(),
            registry);
    this.connections =
        new TopicBuffer(
            Topics.CHAT_CONNECTIONS,
            kafka.bufferCapacity(),
            kafka.maxAttempts(),
            kafka.dropLogInterval(),
            registry);
  }

  @Override
  public void publish(ActivityEvent event) {
    activity.offer(event.userId(), EventJson.write(event));
  }

  @Override
  public void publish(ConnectionEvent event) {
    connections.offer(event.userId(), EventJson.write(event));
  }

  /** Activity events queued or in flight. */
  int bufferedActivity() {
    return activity.size();
  }

  static Map<String, Object> producerConfig(String bootstrapServers, String clientId) {
    return Map.ofEntries(
        Map.entry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
        Map.entry(ProducerConfig.CLIENT_ID_CONFIG, clientId),
        Map.entry(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class),
        Map.entry(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class),
        Map.entry(ProducerConfig.ACKS_CONFIG, "all"),
        Map.entry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
        // Activity is not latency-critical: 20 ms batches cut the broker's and consumers' work.
        Map.entry(ProducerConfig.LINGER_MS_CONFIG, 20),
        // While Kafka is down the producer keeps records and retries for up to 2 minutes...
        Map.entry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000),
        Map.entry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000),
        // ...but never waits long for metadata on the sender thread.
        Map.entry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000),
        Map.entry(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 2_000));
  }

  @Override
  public void start() {
    SenderOptions<String, byte[]> options =
        SenderOptions.<String, byte[]>create(
                producerConfig(
                    properties.kafka().bootstrapServers(), "messaging-" + properties.instanceId()))
            .maxInFlight(1024)
            .stopOnError(false);
    sender = KafkaSender.create(options);
    activity.start(sender);
    connections.start(sender);
  }

  @Override
  public void stop() {
    activity.stop();
    connections.stop();
    KafkaSender<String, byte[]> s = sender;
    if (s != null) {
      s.close();
      sender = null;
    }
  }

  @Override
  public boolean isRunning() {
    return sender != null;
  }

  /**
   * Starts before and stops after the web server, so the disconnections published while sockets
   * close on shutdown still reach the producer (which flushes on close).
   */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 4096;
  }
}
