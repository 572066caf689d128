package chat.stack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * For tests: reads a topic from the beginning with a consumer group of its own and keeps every
 * record it has read.
 */
public final class TopicReader implements AutoCloseable {

  private static final Duration POLL = Duration.ofMillis(500);

  private final String topic;
  private final KafkaConsumer<String, byte[]> consumer;
  private final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();

  public TopicReader(String bootstrapServers, String topic) {
    this.topic = topic;
    this.consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    consumer.subscribe(List.of(topic));
  }

  /** Polls once more (waiting up to 500 ms for records) and returns every record read so far. */
  public List<ConsumerRecord<String, byte[]>> poll() {
    consumer.poll(POLL).forEach(records::add);
    return List.copyOf(records);
  }

  /**
   * Polls until at least {@code count} records match, then returns the matching ones.
   *
   * @throws AssertionError if they do not arrive within {@code atMost}
   */
  public List<ConsumerRecord<String, byte[]>> awaitRecords(
      Predicate<ConsumerRecord<String, byte[]>> matching, int count, Duration atMost) {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (true) {
      List<ConsumerRecord<String, byte[]>> found = poll().stream().filter(matching).toList();
      if (found.size() >= count) {
        return found;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError(
            found.size() + " of " + count + " matching records on " + topic + " in " + atMost);
      }
    }
  }

  @Override
  public void close() {
    consumer.close();
  }
}
