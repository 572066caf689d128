package chat.presence.support;

import chat.events.ConnectionEvent;
import chat.events.EventJson;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plays a messaging replica: writes connection events to the connections topic, keyed by user. */
public final class ConnectionEvents implements AutoCloseable {

  private final KafkaProducer<String, byte[]> producer;
  private final String topic;

  public ConnectionEvents(String bootstrapServers, String topic) {
    this.topic = topic;
    this.producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.LINGER_MS_CONFIG,
                0),
            new StringSerializer(),
            new ByteArraySerializer());
  }

  public ConnectionEvent connected(String user, String connection, String instance) {
    return send(ConnectionEvent.Type.CONNECTED, user, connection, instance, Instant.now());
  }

  public ConnectionEvent heartbeat(String user, String connection, String instance) {
    return send(ConnectionEvent.Type.HEARTBEAT, user, connection, instance, Instant.now());
  }

  public ConnectionEvent disconnected(String user, String connection, String instance) {
    return send(ConnectionEvent.Type.DISCONNECTED, user, connection, instance, Instant.now());
  }

  public ConnectionEvent send(
      ConnectionEvent.Type type, String user, String connection, String instance, Instant at) {
    ConnectionEvent event = new ConnectionEvent(type, user, connection, instance, at);
    raw(user, EventJson.write(event));
    return event;
  }

  /** Sends {@code value} as is and waits for the broker's acknowledgement. */
  public void raw(String key, byte[] value) {
    try {
      producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not send to " + topic, e);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
