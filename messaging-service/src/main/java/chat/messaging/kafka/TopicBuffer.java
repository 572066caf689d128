package chat.messaging.kafka;

import chat.messaging.metrics.CallTimer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.kafka.sender.KafkaSender;
import reactor.kafka.sender.SenderRecord;
import reactor.kafka.sender.SenderResult;
import reactor.util.retry.Retry;

/**
 * The bounded buffer between the chat path and one Kafka topic. {@link #offer} never blocks: it
 * queues the record or, when {@code capacity} records are already queued or in flight, drops it,
 * counts it in {@code chat.kafka.dropped{topic}} and logs the drops at most once per interval. A
 * single {@link KafkaSender#send} pipeline pulls from the queue as fast as the producer accepts
 * records (bounded by the sender's max in-flight); the producer retries on its own while Kafka is
 * unreachable (up to its delivery timeout) and records it finally fails are queued again, up to
 * {@code maxAttempts} times.
 */
final class TopicBuffer {

  private static final Logger log = LoggerFactory.getLogger(TopicBuffer.class);

  /** One record and how often the producer already failed to deliver it. */
  record Item(String key, byte[] value, int attempts, long handedOverAt) {

    Item handedOver(long nanos) {
      return new Item(key, value, attempts, nanos);
    }
  }

  private final String topic;
  private final int capacity;
  private final int maxAttempts;
  private final long dropLogIntervalNanos;
  private final Queue<Item> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();
  private final AtomicInteger wip = new AtomicInteger();
  private final AtomicLong droppedSinceLog = new AtomicLong();
  private final AtomicLong lastDropLog = new AtomicLong();
  private final Counter dropped;
  private final CallTimer latency;
  private volatile FluxSink<Item> sink;
  private volatile Disposable pipeline;

  TopicBuffer(
      String topic,
      int capacity,
      int maxAttempts,
      Duration dropLogInterval,
      MeterRegistry registry) {
    this.topic = topic;
    this.capacity = capacity;
    this.maxAttempts = maxAttempts;
    this.dropLogIntervalNanos = dropLogInterval.toNanos();
    this.lastDropLog.set(System.nanoTime() - dropLogIntervalNanos);
    this.dropped =
        Counter.builder("chat.kafka.dropped")
            .description(
                "Events dropped because the Kafka buffer was full or delivery kept failing")
            .tag("topic", topic)
            .register(registry);
    Gauge.builder("chat.kafka.buffer.size", size, AtomicInteger::get)
        .description("Events queued for or in flight to Kafka")
        .tag("topic", topic)
        .register(registry);
    this.latency = new CallTimer(registry, "chat.kafka.latency", "Kafka produce latency");
  }

  /** Queues a record; false (and counted) if the buffer is full. Never blocks. */
  boolean offer(String key, byte[] value) {
    if (size.incrementAndGet() > capacity) {
      size.decrementAndGet();
      drop(1);
      return false;
    }
    queue.add(new Item(key, value, 0, 0));
    drain();
    return true;
  }

  /** Events queued or in flight. */
  int size() {
    return size.get();
  }

  void start(KafkaSender<String, byte[]> sender) {
    Flux<SenderRecord<String, byte[], Item>> records =
        Flux.<Item>create(
                s -> {
                  sink = s;
                  s.onRequest(n -> drain());
                })
            .map(
                item -> {
                  Item sent = item.handedOver(System.nanoTime());
                  return SenderRecord.create(topic, null, null, sent.key(), sent.value(), sent);
                });
    pipeline =
        sender
            .send(records)
            .doOnNext(this::onResult)
            .retryWhen(
                Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1))
                    .maxBackoff(Duration.ofSeconds(30))
                    .doBeforeRetry(
                        s ->
                            log.warn(
                                "Kafka sender for {} failed, restarting: {}", topic, s.failure())))
            .subscribe();
  }

  void stop() {
    Disposable p = pipeline;
    if (p != null) {
      p.dispose();
    }
  }

  private void onResult(SenderResult<Item> result) {
    Item item = result.correlationMetadata();
    if (result.exception() == null) {
      size.decrementAndGet();
      latency.record(topic, System.nanoTime() - item.handedOverAt());
      return;
    }
    if (item.attempts() + 1 < maxAttempts) {
      queue.add(new Item(item.key(), item.value(), item.attempts() + 1, 0));
      drain();
    } else {
      size.decrementAndGet();
      drop(1);
    }
  }

  private void drain() {
    if (wip.getAndIncrement() != 0) {
      return;
    }
    int missed = 1;
    do {
      FluxSink<Item> s = sink;
      if (s != null) {
        while (s.requestedFromDownstream() > 0) {
          Item item = queue.poll();
          if (item == null) {
            break;
          }
          s.next(item);
        }
      }
      missed = wip.addAndGet(-missed);
    } while (missed != 0);
  }

  private void drop(int count) {
    dropped.increment(count);
    droppedSinceLog.addAndGet(count);
    long now = System.nanoTime();
    long last = lastDropLog.get();
    if (now - last >= dropLogIntervalNanos && lastDropLog.compareAndSet(last, now)) {
      log.warn(
          "Kafka buffer for {} is full or failing: dropped {} events since the last report",
          topic,
          droppedSinceLog.getAndSet(0));
    }
  }
}
