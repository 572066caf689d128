package chat.presence.kafka;

import chat.presence.PresenceProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.kafka.receiver.KafkaReceiver;
import reactor.kafka.receiver.ReceiverOptions;

/** {@link KafkaInbound} on reactor-kafka: manual acknowledgement, periodic commits. */
final class ReactorKafkaInbound implements KafkaInbound {

  private static final Logger log = LoggerFactory.getLogger(ReactorKafkaInbound.class);

  private final PresenceProperties.Kafka kafka;
  private final String clientId;

  ReactorKafkaInbound(PresenceProperties.Kafka kafka, String instanceId) {
    this.kafka = kafka;
    this.clientId = "presence-" + instanceId;
  }

  @Override
  public Flux<InboundRecord> receive(String topic, String groupId) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.broker(),
            ConsumerConfig.GROUP_ID_CONFIG,
            groupId,
            ConsumerConfig.CLIENT_ID_CONFIG,
            clientId + "-" + groupId,
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class,
            // Bytes never fail to deserialize: parsing happens downstream, where a bad record
            // can be counted and dead-lettered instead of wedging the consumer.
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            ByteArrayDeserializer.class,
            // A new group starts from the beginning: stale events are harmless (ordered by
            // time per socket, and too old to keep a socket alive), lost ones are not.
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
            1000);
    ReceiverOptions<String, byte[]> options =
        ReceiverOptions.<String, byte[]>create(config)
            .subscription(List.of(topic))
            .commitInterval(kafka.commitInterval())
            .commitBatchSize(0)
            .closeTimeout(Duration.ofSeconds(10));
    return ensureTopic(topic)
        .thenMany(Flux.defer(() -> KafkaReceiver.create(options).receive()))
        .map(
            record ->
                new InboundRecord(
                    record.partition(),
                    record.key(),
                    record.value(),
                    record.receiverOffset()::acknowledge));
  }

  /** Creates the consumed topic and its dead-letter topic if missing and configured to. */
  private Mono<Void> ensureTopic(String topic) {
    if (!kafka.createTopics() || !topic.equals(kafka.connectionsTopic())) {
      return Mono.empty();
    }
    return Mono.<Void>fromRunnable(
            () -> {
              try (Admin admin =
                  Admin.create(
                      Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.broker()))) {
                for (String name : Set.of(topic, kafka.deadLetterTopic())) {
                  create(admin, new NewTopic(name, kafka.partitions(), (short) 1));
                }
              }
            })
        .subscribeOn(Schedulers.boundedElastic())
        .onErrorResume(
            e -> {
              log.warn("Could not check topic {}: {}", topic, rootCause(e).toString());
              return Mono.empty();
            });
  }

  private static Throwable rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static void create(Admin admin, NewTopic topic) {
    try {
      admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
      log.info("Created topic {} with {} partitions", topic.name(), topic.numPartitions());
    } catch (java.util.concurrent.ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        log.warn("Could not create topic {}: {}", topic.name(), e.getCause().toString());
      }
    } catch (TimeoutException e) {
      log.warn("Could not create topic {}: timed out", topic.name());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
