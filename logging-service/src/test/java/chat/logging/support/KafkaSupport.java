package chat.logging.support;

import chat.events.ActivityEvent;
import chat.events.EventJson;
import chat.stack.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Plain Kafka clients for tests: topics, a producer, a reader of the dead-letter topic. */
public final class KafkaSupport implements AutoCloseable {

  private final String bootstrapServers;
  private final KafkaProducer<byte[], byte[]> producer;

  public KafkaSupport(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
    this.producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.LINGER_MS_CONFIG,
                5),
            new ByteArraySerializer(),
            new ByteArraySerializer());
  }

  /** Creates {@code topics} with 3 partitions each, unless they exist. */
  public static void createTopics(String bootstrapServers, String... topics) {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      for (String topic : topics) {
        try {
          admin
              .createTopics(List.of(new NewTopic(topic, 3, (short) 1)))
              .all()
              .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException(e.getCause());
          }
        }
      }
    } catch (InterruptedException | TimeoutException e) {
      throw new IllegalStateException("could not create " + List.of(topics), e);
    }
  }

  /** Sends the events keyed by user id and waits until the broker has them all. */
  public void send(String topic, List<ActivityEvent> events) {
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    for (ActivityEvent event : events) {
      sent.add(send(topic, event.userId(), EventJson.write(event)));
    }
    awaitAll(sent);
  }

  /** Sends raw values, all under one key (so to one partition, in this order). */
  public void sendRaw(String topic, String key, List<byte[]> values) {
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    for (byte[] value : values) {
      sent.add(send(topic, key, value));
    }
    awaitAll(sent);
  }

  private Future<RecordMetadata> send(String topic, String key, byte[] value) {
    byte[] keyBytes = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
    return producer.send(new ProducerRecord<>(topic, keyBytes, value));
  }

  private static void awaitAll(List<Future<RecordMetadata>> sent) {
    try {
      for (Future<RecordMetadata> future : sent) {
        future.get(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      throw new IllegalStateException("send failed", e);
    }
  }

  /** A reader of {@code topic} from its beginning. */
  public TopicReader reader(String topic) {
    return new TopicReader(bootstrapServers, topic);
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
