package chat.messaging.socketio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * Thousands of random and mutated frames from several connections at once; afterwards the endpoint
 * still serves a bystander that was connected all along and a fresh client, and no connection,
 * socket or onDisconnect call leaks. The seed is logged; rerun one with {@code -Dfuzz.seed=...}.
 */
@TestPropertySource(
    properties = {
      "chat.socketio.ping-interval=1s",
      "chat.socketio.ping-timeout=2s",
      "chat.socketio.connect-timeout=2s",
      "chat.socketio.event-timeout=2s"
    })
class SocketIoFuzzTest extends SocketIoIntegrationTest {

  private static final Logger log = LoggerFactory.getLogger(SocketIoFuzzTest.class);
  private static final int CONNECTIONS = 4;
  private static final int FRAMES_PER_CONNECTION = 1_000;
  private static final Duration PROBE_WAIT = Duration.ofSeconds(15);

  @LocalServerPort int port;
  @Autowired RecordingListener listener;
  @Autowired MeterRegistry registry;

  @Test
  void randomAndMutatedFramesNeitherBreakNorLeakTheEndpoint() {
    long seed = Long.getLong("fuzz.seed", System.nanoTime());
    log.info("fuzz seed {}", seed);
    AtomicInteger reconnects = new AtomicInteger();

    try (RawClient bystander = RawClient.connectNamespace(port, token("bystander"))) {
      Flux.range(0, CONNECTIONS)
          .parallel(CONNECTIONS)
          .runOn(Schedulers.boundedElastic())
          .doOnNext(worker -> fuzz(new Random(seed + worker), reconnects))
          .sequential()
          .blockLast(RawClient.WAIT.multipliedBy(4));

      bystander.send("421[\"echo\",{\"text\":\"still here\"}]");
      assertThat(bystander.ack(1).path("payload").path("text").asString()).isEqualTo("still here");
      try (RawClient fresh = RawClient.connectNamespace(port, token("fresh"))) {
        fresh.send("427[\"echo\",{\"text\":\"hello\"}]");
        assertThat(fresh.ack(7).path("ok").asBoolean()).isTrue();
      }
    }

    double framesIn = registry.get("chat.socketio.frames").tag("direction", "in").counter().count();
    log.info("fuzz: {} frames received, {} reconnects after fatal frames", framesIn, reconnects);
    assertThat(framesIn).isGreaterThan(1.5 * CONNECTIONS * FRAMES_PER_CONNECTION);
    assertThat(reconnects.get()).isPositive();
    assertThat(registry.get("chat.socketio.protocol.errors").counters())
        .anySatisfy(counter -> assertThat(counter.count()).isPositive());
    await()
        .atMost(RawClient.WAIT)
        .untilAsserted(
            () -> {
              assertThat(registry.get("chat.socketio.connections").gauge().value()).isZero();
              assertThat(registry.get("chat.socketio.sockets").gauge().value()).isZero();
            });
    assertThat(listener.connected)
        .allSatisfy(session -> assertThat(listener.disconnectsOf(session.id())).hasSize(1));
  }

  /**
   * Sends random frames, each followed by a probe event: the probe must be acknowledged, unless the
   * frame was fatal and the server closed the connection (then the fuzzer reconnects).
   */
  private void fuzz(Random random, AtomicInteger reconnects) {
    RawClient client = RawClient.connectNamespace(port, token("fuzzer"));
    try {
      for (int i = 0; i < FRAMES_PER_CONNECTION; i++) {
        if (random.nextInt(20) == 0) {
          byte[] bytes = new byte[random.nextInt(64)];
          random.nextBytes(bytes);
          client.sendBinary(bytes);
        } else {
          client.send(frame(random));
        }
        long probe = 900_000_000L + i;
        client.send("42" + probe + "[\"echo\",{}]");
        String ack = client.nextUnlessClosed(f -> f.startsWith("43" + probe + "["), PROBE_WAIT);
        if (ack == null) {
          client.close();
          reconnects.incrementAndGet();
          client =
              random.nextBoolean()
                  ? RawClient.connectNamespace(port, token("fuzzer"))
                  : RawClient.connect(port);
        }
      }
    } finally {
      client.close();
    }
  }

  private static final List<String> SEEDS =
      List.of(
          "40{\"token\":\"" + token("fuzzer") + "\"}",
          "40{\"token\":\"bad\"}",
          "40/admin,{}",
          "41",
          "42[\"echo\",{\"text\":\"hi\"}]",
          "421[\"echo\",{\"text\":\"hi\"}]",
          "4212[\"unknown\",[1,2,3]]",
          "4213[\"fail\"]",
          "4214[\"slow\",{\"ms\":5}]",
          "43[\"stray\"]",
          "44{\"message\":\"x\"}",
          "451-15[\"upload\",{\"_placeholder\":true,\"num\":0}]",
          "461-[null]",
          "2",
          "3",
          "3probe",
          "5",
          "6",
          "1");

  private static String frame(Random random) {
    return switch (random.nextInt(20)) {
      case 0 -> randomText(random, random.nextInt(40));
      case 1 -> "42" + "[".repeat(random.nextInt(3_000));
      case 2 ->
          "42" + random.nextLong() + "[\"" + randomText(random, random.nextInt(20_000)) + "\"]";
      default -> mutate(SEEDS.get(random.nextInt(SEEDS.size())), random);
    };
  }

  private static String mutate(String seed, Random random) {
    StringBuilder frame = new StringBuilder(seed);
    int mutations = random.nextInt(4);
    for (int m = 0; m < mutations && !frame.isEmpty(); m++) {
      int at = random.nextInt(frame.length());
      switch (random.nextInt(5)) {
        case 0 -> frame.setCharAt(at, (char) random.nextInt(0x3000));
        case 1 -> frame.delete(at, Math.min(frame.length(), at + 1 + random.nextInt(5)));
        case 2 -> frame.insert(at, randomText(random, 1 + random.nextInt(8)));
        case 3 -> frame.setLength(at);
        default -> frame.insert(at, frame.substring(0, at));
      }
    }
    return frame.toString();
  }

  private static String randomText(Random random, int length) {
    String alphabet = "0123456789[]{}\",:/-_ abcxyzé\u0000\n\\";
    StringBuilder builder = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      builder.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return builder.toString();
  }
}
