package chat.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.test.StepVerifier;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** WebSockets are relayed byte for byte to the upstream that accepted the upgrade. */
class GatewayWebSocketTest extends GatewayTestSupport {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Autowired MeterRegistry meters;

  @Test
  void theUpgradeReachesTheUpstreamThroughTheHeaderFilters() {
    HttpHeaders headers = new HttpHeaders();
    headers.add("X-User-Id", "mallory");

    Map<String, List<String>> seen =
        JSON.readValue(
            reply(headers, session -> ask(session, "handshake")),
            new TypeReference<Map<String, List<String>>>() {});

    assertThat(seen.get("host").get(0)).isIn(hostOf(MESSAGING_A.url()), hostOf(MESSAGING_B.url()));
    assertThat(seen).containsKeys("sec-websocket-key", "sec-websocket-version");
    assertThat(seen.get("upgrade")).containsExactly("websocket");
    assertThat(seen).doesNotContainKey("x-user-id");
  }

  @Test
  void theUpstreamsCloseStatusReachesTheBrowser() {
    AtomicReference<CloseStatus> status = new AtomicReference<>();

    reply(
        new HttpHeaders(),
        session ->
            session
                .send(Mono.just(session.textMessage("close:4001")))
                .then(session.closeStatus())
                .doOnNext(status::set)
                .thenReturn("closed"));

    assertThat(status.get().getCode()).isEqualTo(4001);
    assertThat(status.get().getReason()).isEqualTo("closed by the upstream");
  }

  @Test
  void aFrameOverTheLimitIsClosedWith1009ByTheGateway() {
    // The in-test upstream would echo up to 2 MiB: only the gateway's limit (Socket.IO's
    // maxPayload, 1,000,000 bytes) refuses this frame, one byte over it.
    AtomicReference<CloseStatus> status = new AtomicReference<>();
    ReactorNettyWebSocketClient client =
        new ReactorNettyWebSocketClient(
            HttpClient.create(),
            () -> WebsocketClientSpec.builder().maxFramePayloadLength(TestUpstream.MAX_FRAME));

    StepVerifier.create(
            client.execute(
                socketIoUri(),
                new HttpHeaders(),
                s ->
                    s.send(Mono.just(s.textMessage("z".repeat(1_000_001))))
                        .then(s.closeStatus())
                        .doOnNext(status::set)
                        .then()))
        .expectComplete()
        .verify(Duration.ofSeconds(30));

    assertThat(status.get().getCode()).isEqualTo(1009);
  }

  @Test
  void bothConnectionsEndWhenTheBrowserLeaves() {
    double before = relayed();
    Sinks.Empty<Void> leave = Sinks.empty();
    Mono<Void> session =
        webSockets()
            .execute(
                socketIoUri(),
                new HttpHeaders(),
                // Leaving = cancelling the receive, which closes the browser's connection.
                s ->
                    s.send(Mono.just(s.textMessage("ping")))
                        .thenMany(s.receive())
                        .takeUntilOther(leave.asMono())
                        .then());
    var running = session.subscribe();
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> relayed() == before + 1);

      leave.tryEmitEmpty();

      await().atMost(Duration.ofSeconds(10)).until(() -> relayed() == before);
    } finally {
      running.dispose();
    }
  }

  @Test
  void anUpgradeTheUpstreamRefusesGetsTheUpstreamsAnswer() {
    // The in-test upstream serves WebSockets on /socket.io/ only: elsewhere it answers with JSON.
    upgrade("/socket.io/elsewhere?EIO=4&transport=websocket")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.path")
        .isEqualTo("/socket.io/elsewhere?EIO=4&transport=websocket");
  }

  @Test
  void aBrowserThatDoesNotReadIsNotBufferedByTheGateway() throws Exception {
    try (Socket browser = new Socket("localhost", port)) {
      OutputStream out = browser.getOutputStream();
      out.write(
          ("GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: localhost\r\n"
                  + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                  + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      assertThat(new String(browser.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1))
          .isEqualTo("HTTP/1.1 101");

      // Every frame is echoed and never read: once the sockets' buffers are full the gateway must
      // stop reading this browser (TCP backpressure) instead of buffering the echoes itself.
      byte[] frame = maskedTextFrame(60_000);
      AtomicLong written = new AtomicLong();
      Thread writer =
          new Thread(
              () -> {
                try {
                  while (written.get() < 384L * 1024 * 1024) {
                    out.write(frame);
                    written.addAndGet(frame.length);
                  }
                } catch (IOException closed) {
                  // the socket was closed at the end of the test
                }
              });
      writer.setDaemon(true);
      writer.start();
      long[] previous = {-1};
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () -> {
                long now = written.get();
                boolean stalled = now == previous[0];
                previous[0] = now;
                return stalled;
              });

      // Stalled by TCP, not stopped by an error: data flowed, and the writer is still blocked.
      assertThat(writer.isAlive()).isTrue();
      assertThat(written.get()).isBetween(1024L * 1024, 128L * 1024 * 1024);
    }
  }

  /** A text frame as a browser sends it: masked (with a zero key, leaving the payload as is). */
  private static byte[] maskedTextFrame(int length) {
    byte[] frame = new byte[4 + 4 + length];
    frame[0] = (byte) 0x81;
    frame[1] = (byte) (0x80 | 126);
    frame[2] = (byte) (length >> 8);
    frame[3] = (byte) length;
    java.util.Arrays.fill(frame, 8, frame.length, (byte) 'x');
    return frame;
  }

  private double relayed() {
    return meters.get("chat.gateway.websockets").gauge().value();
  }

  private static Mono<String> ask(WebSocketSession session, String text) {
    return session
        .send(Mono.just(session.textMessage(text)))
        .then(session.receive().map(WebSocketMessage::getPayloadAsText).next());
  }

  /** Opens a WebSocket through the gateway, runs {@code dialog} on it and returns its result. */
  private String reply(HttpHeaders headers, Function<WebSocketSession, Mono<String>> dialog) {
    AtomicReference<String> result = new AtomicReference<>();
    Mono<Void> session =
        webSockets()
            .execute(socketIoUri(), headers, s -> dialog.apply(s).doOnNext(result::set).then());
    StepVerifier.create(session).expectComplete().verify(Duration.ofSeconds(30));
    return result.get();
  }

  private URI socketIoUri() {
    return URI.create("ws://localhost:" + port + "/socket.io/?EIO=4&transport=websocket");
  }

  private static ReactorNettyWebSocketClient webSockets() {
    return new ReactorNettyWebSocketClient(HttpClient.create());
  }

  private static String hostOf(String url) {
    return URI.create(url).getAuthority();
  }
}
