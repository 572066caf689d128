package chat.logging.bench;

import chat.events.ActivityEvent;
import chat.events.ActivityType;
import chat.events.EventJson;
import chat.logging.LoggingApplication;
import chat.logging.support.KafkaSupport;
import chat.stack.TestInfrastructure;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonData;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.elasticsearch.client.elc.ReactiveElasticsearchClient;

/**
 * Measures the indexing pipeline with real Kafka and Elasticsearch: sustained throughput (a backlog
 * of {@code --events} events drained by the service) and produce-to-searchable lag (events sent at
 * {@code --rate} per second for {@code --seconds}, each one timed from its send until a search
 * without refresh returns it, polled every {@code --poll}).
 *
 * <p>The service runs in this JVM with its default batching; Kafka and Elasticsearch are those of
 * {@code KAFKA_BROKER} and {@code ELASTICSEARCH_NODE} when set, else private ones started by {@link
 * TestInfrastructure} (Elasticsearch with a 512 MB heap). Options: {@code --name=value}.
 */
public final class IndexingBenchmark {

  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static final String TOPIC = "bench-activity-" + RUN;
  private static final String INDEX = "bench-logs-" + RUN;

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    int events = Integer.parseInt(options.getOrDefault("events", "200000"));
    int rate = Integer.parseInt(options.getOrDefault("rate", "1000"));
    int seconds = Integer.parseInt(options.getOrDefault("seconds", "30"));
    Duration poll = Duration.parse("PT" + options.getOrDefault("poll", "0.1") + "S");

    String kafka = env("KAFKA_BROKER", TestInfrastructure::kafkaBootstrapServers);
    String elasticsearch = env("ELASTICSEARCH_NODE", TestInfrastructure::elasticsearchUrl);
    KafkaSupport.createTopics(kafka, TOPIC, TOPIC + "-dlt");
    System.out.printf(
        "Kafka %s, Elasticsearch %s, %d cores, topic %s (3 partitions)%n",
        kafka, elasticsearch, Runtime.getRuntime().availableProcessors(), TOPIC);

    try (KafkaProducer<byte[], byte[]> producer = producer(kafka)) {
      long produceStart = System.nanoTime();
      for (int i = 0; i < events; i++) {
        send(producer, event("backlog", i, Instant.now()));
      }
      producer.flush();
      double produceSeconds = (System.nanoTime() - produceStart) / 1e9;
      System.out.printf(
          "Produced a backlog of %d events in %.1f s (%.0f events/s)%n",
          events, produceSeconds, events / produceSeconds);

      try (ConfigurableApplicationContext service = startService(kafka, elasticsearch)) {
        throughput(service, events);
        latency(service, producer, rate, seconds, poll);
      }
    }
    System.exit(0);
  }

  private static void throughput(ConfigurableApplicationContext service, int events) {
    Counter indexed =
        service.getBean(MeterRegistry.class).get("chat.logging.events.indexed").counter();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
    while (indexed.count() < 1 && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
    long start = System.nanoTime();
    double startCount = indexed.count();
    while (indexed.count() < events && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long stored = count(service, "backlog");
    System.out.printf(
        "THROUGHPUT: %d events indexed in %.1f s after the first one: %.0f events/s sustained"
            + " (documents in Elasticsearch: %d)%n",
        events, seconds, (indexed.count() - startCount) / seconds, stored);
    Timer bulks =
        service
            .getBean(MeterRegistry.class)
            .get("chat.logging.bulk.latency")
            .tag("outcome", "success")
            .timer();
    System.out.printf(
        "  %d bulk requests, %.0f documents each on average, mean %.0f ms, max %.0f ms%n",
        bulks.count(),
        indexed.count() / Math.max(1, bulks.count()),
        bulks.mean(TimeUnit.MILLISECONDS),
        bulks.max(TimeUnit.MILLISECONDS));
  }

  private static void latency(
      ConfigurableApplicationContext service,
      KafkaProducer<byte[], byte[]> producer,
      int rate,
      int seconds,
      Duration poll)
      throws InterruptedException {
    int total = rate * seconds;
    long[] sentAt = new long[total];
    long[] seenAt = new long[total];
    BitSet seen = new BitSet(total);
    ReactiveElasticsearchClient client = service.getBean(ReactiveElasticsearchClient.class);

    Thread sender =
        new Thread(
            () -> {
              long start = System.nanoTime();
              for (int i = 0; i < total; i++) {
                long due = start + (long) i * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                  LockSupport.parkNanos(wait);
                }
                sentAt[i] = System.nanoTime();
                send(producer, event("latency", i, Instant.now()));
              }
              producer.flush();
            });
    sender.start();

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds + 120L);
    int low = 0;
    while (low < total && System.nanoTime() < deadline) {
      long polledAt = System.nanoTime();
      int from = low;
      List<Hit<JsonData>> hits =
          Objects.requireNonNull(
                  client
                      .search(
                          s ->
                              s.index(INDEX)
                                  .ignoreUnavailable(true)
                                  .size(10_000)
                                  .source(src -> src.fetch(false))
                                  .docvalueFields(f -> f.field("seq"))
                                  .sort(o -> o.field(f -> f.field("seq").order(SortOrder.Asc)))
                                  .query(latencyEvents(from)),
                          JsonData.class)
                      .block(Duration.ofSeconds(30)))
              .hits()
              .hits();
      for (Hit<JsonData> hit : hits) {
        int seq = hit.fields().get("seq").toJson().asJsonArray().getJsonNumber(0).intValue();
        if (!seen.get(seq)) {
          seen.set(seq);
          seenAt[seq] = polledAt;
        }
      }
      low = seen.nextClearBit(low);
      long wait = polledAt + poll.toNanos() - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
    }
    sender.join();

    long[] lags = new long[seen.cardinality()];
    int n = 0;
    for (int i = seen.nextSetBit(0); i >= 0; i = seen.nextSetBit(i + 1)) {
      lags[n++] = seenAt[i] - sentAt[i];
    }
    Arrays.sort(lags);
    System.out.printf(
        "LATENCY: %d events at %d/s for %d s, %d searchable; produce->searchable ms:"
            + " p50 %.0f, p95 %.0f, p99 %.0f, max %.0f (polled every %d ms, refresh_interval 1s)%n",
        total,
        rate,
        seconds,
        lags.length,
        percentile(lags, 0.50),
        percentile(lags, 0.95),
        percentile(lags, 0.99),
        lags.length == 0 ? Double.NaN : lags[lags.length - 1] / 1e6,
        poll.toMillis());
  }

  /** The latency events from sequence number {@code from} on. */
  private static Query latencyEvents(int from) {
    return Query.of(
        q ->
            q.bool(
                b ->
                    b.filter(f -> f.term(t -> t.field("instanceId").value("latency")))
                        .filter(
                            f -> f.range(r -> r.number(n -> n.field("seq").gte((double) from))))));
  }

  private static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, index)] / 1e6;
  }

  private static long count(ConfigurableApplicationContext service, String instance) {
    ReactiveElasticsearchClient client = service.getBean(ReactiveElasticsearchClient.class);
    client.indices().refresh(r -> r.index(INDEX)).block(Duration.ofSeconds(60));
    return Objects.requireNonNull(
            client
                .count(
                    c ->
                        c.index(INDEX)
                            .query(q -> q.term(t -> t.field("instanceId").value(instance))))
                .block(Duration.ofSeconds(60)))
        .count();
  }

  private static ConfigurableApplicationContext startService(String kafka, String elasticsearch) {
    Map<String, Object> properties = new HashMap<>();
    properties.put("server.port", 0);
    properties.put("spring.elasticsearch.uris", elasticsearch);
    properties.put("chat.kafka.bootstrap-servers", kafka);
    properties.put("chat.kafka.topic", TOPIC);
    properties.put("chat.kafka.dead-letter-topic", TOPIC + "-dlt");
    properties.put("chat.kafka.group-id", "bench-" + RUN);
    properties.put("chat.index.name", INDEX);
    properties.put("logging.structured.format.console", "");
    properties.put("logging.level.root", "ERROR");
    // Command-line arguments: they win over application.yml (PORT would default to 8083).
    String[] arguments =
        properties.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
    return SpringApplication.run(LoggingApplication.class, arguments);
  }

  private static ActivityEvent event(String instance, int seq, Instant at) {
    return new ActivityEvent(
        UUID.randomUUID().toString(),
        ActivityType.MESSAGE_SENT,
        at,
        "user" + (seq % 500),
        "general",
        instance,
        Map.of(
            "content",
            "benchmark message number " + seq + " about nothing",
            "seq",
            seq,
            "messageId",
            instance + "-" + seq));
  }

  private static void send(KafkaProducer<byte[], byte[]> producer, ActivityEvent event) {
    producer.send(
        new ProducerRecord<>(
            TOPIC, event.userId().getBytes(StandardCharsets.UTF_8), EventJson.write(event)));
  }

  private static KafkaProducer<byte[], byte[]> producer(String kafka) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.LINGER_MS_CONFIG,
            5,
            ProducerConfig.BATCH_SIZE_CONFIG,
            65536),
        new ByteArraySerializer(),
        new ByteArraySerializer());
  }

  private static String env(String name, java.util.function.Supplier<String> fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback.get() : value;
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (String arg : args) {
      if (arg.startsWith("--") && arg.contains("=")) {
        options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
      }
    }
    return options;
  }
}
