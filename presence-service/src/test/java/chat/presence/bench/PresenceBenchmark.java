package chat.presence.bench;

import chat.events.ConnectionEvent;
import chat.events.EventJson;
import chat.events.PresenceChange;
import chat.events.RedisKeys;
import chat.events.User;
import chat.presence.PresenceApplication;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Replays connection events through Kafka into a RUNNING presence-service and measures it (run with
 * {@code presence-service/bench/run.sh}; options as {@code --name=value}):
 *
 * <ol>
 *   <li>throughput: {@code events} events (per user: connect, 8 heartbeats, disconnect, and again
 *       with a new socket: reloads) are written as fast as the producer goes; the rate is events
 *       divided by the time until the service's consumer group has committed all of them;
 *   <li>latency: while background heartbeats run at {@code rate} events/s, {@code samples} users
 *       connect and disconnect; for each, the time from its disconnect timestamp plus the grace
 *       period to its offline {@code PresenceChange} arriving at a Redis subscriber.
 * </ol>
 */
public final class PresenceBenchmark {

  private final Map<String, String> options;
  private final String broker;
  private final String topic;
  private final String group;
  private final Duration grace;
  private final String run = UUID.randomUUID().toString().substring(0, 6);
  private final KafkaProducer<String, byte[]> producer;
  private final Admin admin;
  private final Map<String, Long> offlineArrivals = new ConcurrentHashMap<>();
  private final AtomicLong sendFailures = new AtomicLong();
  private ConfigurableApplicationContext service;

  private PresenceBenchmark(Map<String, String> options) {
    this.options = options;
    this.broker = option("broker", env("KAFKA_BROKER", "127.0.0.1:9092"));
    this.topic = option("topic", "chat-connections");
    this.group = option("group", "presence-service");
    this.grace = Duration.parse("PT" + option("grace", "3s").toUpperCase());
    this.producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker,
                ProducerConfig.ACKS_CONFIG,
                "1",
                ProducerConfig.LINGER_MS_CONFIG,
                5,
                ProducerConfig.BATCH_SIZE_CONFIG,
                65536),
            new StringSerializer(),
            new ByteArraySerializer());
    this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker));
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new HashMap<>();
    for (String arg : args) {
      String[] pair = arg.replaceFirst("^--", "").split("=", 2);
      options.put(pair[0], pair.length > 1 ? pair[1] : "true");
    }
    if (options.containsKey("embedded")) {
      String name = "presence-bench-" + UUID.randomUUID().toString().substring(0, 6);
      options.putIfAbsent("topic", name + "-connections");
      options.putIfAbsent("group", name);
    }
    new PresenceBenchmark(options).run();
    System.exit(0);
  }

  private void run() throws Exception {
    RedisClient redis =
        RedisClient.create(
            RedisURI.create(
                option("redis-host", env("REDIS_HOST", "127.0.0.1")),
                Integer.parseInt(option("redis-port", env("REDIS_PORT", "6380")))));
    StatefulRedisPubSubConnection<String, String> subscriber = redis.connectPubSub();
    subscriber.addListener(
        new RedisPubSubAdapter<>() {
          @Override
          public void message(String channel, String message) {
            User user =
                EventJson.read(message.getBytes(StandardCharsets.UTF_8), PresenceChange.class)
                    .user();
            if (!user.online()) {
              offlineArrivals.putIfAbsent(user.userId(), System.currentTimeMillis());
            }
          }
        });
    subscriber.sync().subscribe(RedisKeys.PRESENCE_CHANGES);
    if (options.containsKey("embedded")) {
      admin
          .createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(topic, 6, (short) 1)))
          .all()
          .get();
    }

    System.out.printf(
        "presence benchmark: broker %s, topic %s, group %s, grace %s%n",
        broker, topic, group, grace);
    throughput(
        Integer.parseInt(option("events", "200000")), Integer.parseInt(option("users", "5000")));
    latency(Integer.parseInt(option("samples", "300")), Integer.parseInt(option("rate", "5000")));
    System.out.printf("send failures: %d%n", sendFailures.get());
    if (service != null) {
      service.close();
    }
    subscriber.close();
    redis.shutdown();
    producer.close();
    admin.close();
  }

  private void throughput(int events, int users) throws Exception {
    Map<TopicPartition, Long> before = endOffsets();
    long baseline = committedTotal(before.keySet());
    List<long[]> progress = Collections.synchronizedList(new ArrayList<>());
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    long start = System.nanoTime();
    sampler.scheduleAtFixedRate(
        () -> {
          try {
            progress.add(
                new long[] {System.nanoTime(), committedTotal(before.keySet()) - baseline});
          } catch (Exception e) {
            // a missed sample only coarsens the measurement
          }
        },
        0,
        250,
        TimeUnit.MILLISECONDS);
    int perCycle = 10;
    int sent = 0;
    // Serialized in chunks just before sending, so that the producer is not the bottleneck and
    // timestamps are still fresh when the service reads them.
    List<ProducerRecord<String, byte[]>> chunk = new ArrayList<>();
    for (int step = 0; sent < events; step++) {
      int cycle = step / perCycle;
      int phase = step % perCycle;
      ConnectionEvent.Type type =
          phase == 0
              ? ConnectionEvent.Type.CONNECTED
              : phase == perCycle - 1
                  ? ConnectionEvent.Type.DISCONNECTED
                  : ConnectionEvent.Type.HEARTBEAT;
      Instant now = Instant.now();
      for (int u = 0; u < users && sent < events; u++, sent++) {
        String user = "tp" + run + "-" + u;
        chunk.add(
            new ProducerRecord<>(
                topic,
                user,
                EventJson.write(new ConnectionEvent(type, user, "s" + cycle, "bench", now))));
      }
      for (ProducerRecord<String, byte[]> record : chunk) {
        producer.send(record, (metadata, error) -> countFailure(error));
      }
      chunk.clear();
    }
    producer.flush();
    double produceSeconds = (System.nanoTime() - start) / 1e9;
    Map<TopicPartition, Long> after = endOffsets();
    long total =
        after.entrySet().stream()
            .mapToLong(e -> e.getValue() - before.getOrDefault(e.getKey(), 0L))
            .sum();
    if (options.containsKey("embedded")) {
      // The backlog is complete before the service starts: this measures how fast it drains.
      long booted = System.nanoTime();
      service = startEmbeddedService();
      double bootSeconds = (System.nanoTime() - booted) / 1e9;
      long drainStart = System.nanoTime();
      awaitCommitted(after, Duration.ofMinutes(10));
      double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
      System.out.printf(
          "backlog drain: service started in %.1f s, then processed and committed %d events in %.1f s: %.0f events/s; best 5 s: %.0f events/s%n",
          bootSeconds, total, drainSeconds, total / drainSeconds, best(progress, 5));
      sampler.shutdownNow();
      return;
    }
    awaitCommitted(after, Duration.ofMinutes(5));
    double seconds = (System.nanoTime() - start) / 1e9;
    sampler.shutdownNow();
    System.out.printf(
        "throughput: %d events produced in %.1f s (%.0f/s); all processed and committed after %.1f s: %.0f events/s end to end; best 5 s of processing: %.0f events/s%n",
        total, produceSeconds, total / produceSeconds, seconds, total / seconds, best(progress, 5));
  }

  /** The highest processing rate over any window of {@code seconds} among the samples. */
  private static double best(List<long[]> samples, int seconds) {
    double best = 0;
    synchronized (samples) {
      for (int i = 0; i < samples.size(); i++) {
        for (int j = i + 1; j < samples.size(); j++) {
          double elapsed = (samples.get(j)[0] - samples.get(i)[0]) / 1e9;
          if (elapsed >= seconds) {
            best = Math.max(best, (samples.get(j)[1] - samples.get(i)[1]) / elapsed);
            break;
          }
        }
      }
    }
    return best;
  }

  private long committedTotal(java.util.Set<TopicPartition> partitions) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    return partitions.stream()
        .mapToLong(p -> committed.get(p) == null ? 0 : committed.get(p).offset())
        .sum();
  }

  private void countFailure(Exception error) {
    if (error != null) {
      sendFailures.incrementAndGet();
    }
  }

  private void latency(int samples, int rate) throws Exception {
    ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    int backgroundUsers = 2000;
    AtomicLong background = new AtomicLong();
    int perTick = Math.max(1, rate / 100);
    var load =
        scheduler.scheduleAtFixedRate(
            () -> {
              for (int i = 0; i < perTick; i++) {
                long n = background.getAndIncrement();
                String user = "bg" + run + "-" + (n % backgroundUsers);
                send(ConnectionEvent.Type.HEARTBEAT, user, "s0", "bench-bg");
              }
            },
            0,
            10,
            TimeUnit.MILLISECONDS);
    Map<String, Long> disconnectedAt = new ConcurrentHashMap<>();
    long loadStart = System.nanoTime();
    for (int i = 0; i < samples; i++) {
      String user = "lat" + run + "-" + i;
      send(ConnectionEvent.Type.CONNECTED, user, "s1", "bench");
      int index = i;
      scheduler.schedule(
          () -> {
            Instant now = Instant.now();
            send(ConnectionEvent.Type.DISCONNECTED, user, "s1", "bench", now);
            disconnectedAt.put(user, now.toEpochMilli());
          },
          300,
          TimeUnit.MILLISECONDS);
      Thread.sleep(50);
      if (index % 100 == 99) {
        System.out.printf("  latency samples started: %d%n", index + 1);
      }
    }
    long deadline = System.currentTimeMillis() + grace.toMillis() + 30_000;
    while (System.currentTimeMillis() < deadline
        && !offlineArrivals.keySet().containsAll(disconnectedAt.keySet())) {
      Thread.sleep(100);
    }
    load.cancel(false);
    double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
    scheduler.shutdown();
    List<Long> latencies = new ArrayList<>();
    disconnectedAt.forEach(
        (user, at) -> {
          Long arrived = offlineArrivals.get(user);
          if (arrived != null) {
            latencies.add(arrived - (at + grace.toMillis()));
          }
        });
    Collections.sort(latencies);
    System.out.printf(
        "latency under %.0f background events/s: %d/%d offline changes received; from disconnect + grace to userLeft at a Redis subscriber: p50 %d ms, p95 %d ms, p99 %d ms, max %d ms%n",
        background.get() / loadSeconds,
        latencies.size(),
        disconnectedAt.size(),
        percentile(latencies, 50),
        percentile(latencies, 95),
        percentile(latencies, 99),
        latencies.isEmpty() ? -1 : latencies.get(latencies.size() - 1));
  }

  private void send(ConnectionEvent.Type type, String user, String socket, String instance) {
    send(type, user, socket, instance, Instant.now());
  }

  private void send(
      ConnectionEvent.Type type, String user, String socket, String instance, Instant at) {
    byte[] value = EventJson.write(new ConnectionEvent(type, user, socket, instance, at));
    producer.send(new ProducerRecord<>(topic, user, value), (metadata, e) -> countFailure(e));
  }

  private Map<TopicPartition, Long> endOffsets() throws Exception {
    var partitions =
        admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
            .map(p -> new TopicPartition(topic, p.partition()))
            .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
    return admin.listOffsets(partitions).all().get().entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
  }

  private void awaitCommitted(Map<TopicPartition, Long> target, Duration patience)
      throws Exception {
    long deadline = System.nanoTime() + patience.toNanos();
    while (System.nanoTime() < deadline) {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      boolean done =
          target.entrySet().stream()
              .allMatch(
                  e -> {
                    OffsetAndMetadata offset = committed.get(e.getKey());
                    return e.getValue() == 0 || (offset != null && offset.offset() >= e.getValue());
                  });
      if (done) {
        return;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the service did not commit everything within " + patience);
  }

  private static long percentile(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return -1;
    }
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
  }

  /**
   * A presence-service in this JVM on the benchmark's own topic and group. Events older than the
   * dead-connection timeout take a shortcut in the service, so the timeout is raised above any
   * backlog age: every event is measured at full cost.
   */
  private ConfigurableApplicationContext startEmbeddedService() {
    String[] args = {
      "--server.port=0",
      "--chat.kafka.broker=" + broker,
      "--chat.kafka.connections-topic=" + topic,
      "--chat.kafka.dead-letter-topic=" + topic + "-dlt",
      "--chat.kafka.activity-topic=" + topic + "-activity",
      "--chat.kafka.group-id=" + group,
      "--chat.kafka.consume-registrations=false",
      "--chat.presence.grace-period=" + option("grace", "3s"),
      "--chat.presence.dead-connection-timeout=10m",
      "--chat.presence.closed-retention=20m",
      "--spring.data.redis.host=" + option("redis-host", env("REDIS_HOST", "127.0.0.1")),
      "--spring.data.redis.port=" + option("redis-port", env("REDIS_PORT", "6380")),
      "--logging.level.root=WARN"
    };
    return new SpringApplicationBuilder(PresenceApplication.class).run(args);
  }

  private String option(String name, String fallback) {
    return options.getOrDefault(name, fallback);
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
