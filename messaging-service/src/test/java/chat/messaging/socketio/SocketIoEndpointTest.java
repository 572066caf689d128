package chat.messaging.socketio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import reactor.netty.http.client.HttpClient;
import reactor.util.function.Tuple2;
import tools.jackson.databind.JsonNode;

@TestPropertySource(
    properties = {
      "chat.socketio.ping-interval=400ms",
      "chat.socketio.ping-timeout=800ms",
      "chat.socketio.connect-timeout=5s",
      "chat.socketio.outbound-queue-frames=256"
    })
class SocketIoEndpointTest extends SocketIoIntegrationTest {

  @LocalServerPort int port;
  @Autowired RecordingListener listener;
  @Autowired MeterRegistry registry;

  @AfterEach
  void noConnectionLeaks() {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(gauge("chat.socketio.connections")).isZero());
    assertThat(gauge("chat.socketio.sockets")).isZero();
  }

  @Test
  void handshakeAnnouncesWebsocketOnlyV4HeartbeatAndMaxPayload() {
    try (RawClient client = RawClient.open(port)) {
      String open = client.next();
      assertThat(open).startsWith("0");
      JsonNode packet = RawClient.JSON.readTree(open.substring(1));
      assertThat(packet.path("sid").asString()).matches("[A-Za-z0-9_-]{20}");
      assertThat(packet.path("upgrades").isArray()).isTrue();
      assertThat(packet.path("upgrades")).isEmpty();
      assertThat(packet.path("pingInterval").asLong()).isEqualTo(400);
      assertThat(packet.path("pingTimeout").asLong()).isEqualTo(800);
      assertThat(packet.path("maxPayload").asLong()).isEqualTo(1_000_000);
    }
  }

  @Test
  void connectWithValidTokenAnswersSidAndCallsOnConnectBeforeItsEmits() {
    try (RawClient client = RawClient.connect(port)) {
      client.send("40{\"token\":\"" + token("alice") + "\"}");
      String connected = client.next();
      assertThat(connected).matches("40\\{\"sid\":\"[A-Za-z0-9_-]{20}\"}");
      String sid = RawClient.JSON.readTree(connected.substring(2)).path("sid").asString();
      JsonNode welcome = RawClient.JSON.readTree(client.next().substring(2));
      assertThat(welcome.path(0).asString()).isEqualTo("welcome");
      assertThat(welcome.path(1).path("id").asString()).isEqualTo(sid);
      assertThat(welcome.path(1).path("user").asString()).isEqualTo("alice");
      assertThat(listener.connected).anyMatch(s -> s.id().equals(sid));
    }
  }

  @Test
  void connectAcceptsTokenInsideAnAuthObject() {
    try (RawClient client = RawClient.connect(port)) {
      client.send("40{\"auth\":{\"token\":\"" + token("bob") + "\"}}");
      assertThat(client.next()).startsWith("40{\"sid\":");
    }
  }

  @Test
  void connectWithoutOrWithBadTokenGetsUnauthorizedAndCanRetry() {
    try (RawClient client = RawClient.connect(port)) {
      client.send("40");
      assertThat(client.next()).isEqualTo("44{\"message\":\"unauthorized\"}");
      client.send("40{\"token\":\"not.a.jwt\"}");
      assertThat(client.next()).isEqualTo("44{\"message\":\"unauthorized\"}");
      client.send("40{\"token\":42}");
      assertThat(client.next()).isEqualTo("44{\"message\":\"unauthorized\"}");
      client.send("40{\"token\":\"" + token("carol") + "\"}");
      assertThat(client.next(f -> f.startsWith("4"))).startsWith("40{\"sid\":");
    }
  }

  @Test
  void otherNamespacesGetConnectError() {
    try (RawClient client = RawClient.connect(port)) {
      client.send("40/admin,{\"token\":\"" + token("dave") + "\"}");
      assertThat(client.next()).isEqualTo("44/admin,{\"message\":\"Invalid namespace\"}");
    }
  }

  @Test
  void eventsWithAckIdsAreAcknowledgedAndEventsWithoutAreNot() {
    try (RawClient client = RawClient.connectNamespace(port, token("erin"))) {
      client.send("42[\"noAck\",{}]");
      client.send("4217[\"echo\",{\"text\":\"hi\"}]");
      JsonNode ack = client.ack(17);
      assertThat(ack.path("ok").asBoolean()).isTrue();
      assertThat(ack.path("payload").path("text").asString()).isEqualTo("hi");
      assertThat(listener.events).contains("noAck", "echo");
      client.send("4218[\"unknownEvent\"]");
      assertThat(client.ack(18).path("error").path("code").asString()).isEqualTo("bad_request");
    }
  }

  @Test
  void listenerFailureIsAnsweredWithInternalErrorWithoutDetails() {
    try (RawClient client = RawClient.connectNamespace(port, token("frank"))) {
      client.send("423[\"fail\",{}]");
      String frame = client.next(f -> f.startsWith("433["));
      assertThat(frame)
          .isEqualTo(
              "433[{\"ok\":false,\"error\":{\"code\":\"internal\",\"message\":\"internal error\"}}]");
      client.send("424[\"echo\",{}]");
      assertThat(client.ack(4).path("ok").asBoolean()).isTrue();
    }
  }

  @Test
  void acksOfConcurrentEventsAreSentAsEachCompletes() {
    try (RawClient client = RawClient.connectNamespace(port, token("gina"))) {
      client.send("421[\"slow\",{\"ms\":1500}]");
      client.send("422[\"echo\",{}]");
      assertThat(client.next(f -> f.startsWith("43"))).startsWith("432[");
      assertThat(client.next(f -> f.startsWith("43"))).startsWith("431[");
    }
  }

  @Test
  void slowEventsNeitherStallTheHeartbeatNorQueueWithoutBound() {
    try (RawClient client = RawClient.connectNamespace(port, token("uma"))) {
      String sid = client.sid();
      int events = 16 + 256 + 10; // in flight + queued + refused
      for (int id = 1; id <= events; id++) {
        client.send("42" + id + "[\"slow\",{\"ms\":2500}]");
      }
      for (int id = events - 9; id <= events; id++) {
        assertThat(client.ack(id).path("error").path("code").asString()).isEqualTo("rate_limited");
      }
      // Several ping timeouts (800 ms) pass while the listener is busy: pongs are still read.
      assertThat(client.ack(1).path("ok").asBoolean()).isTrue();
      assertThat(client.isClosed()).isFalse();
      assertThat(listener.disconnectsOf(sid)).isEmpty();
    }
  }

  @Test
  void malformedPacketsGetBadRequestAcksAndNeverCloseTheSocket() {
    try (RawClient client = RawClient.connectNamespace(port, token("hank"))) {
      client.send("421{not json");
      client.send("422[42]");
      client.send("423[]");
      client.send("424{\"event\":\"echo\"}");
      client.send("425\"just a string\"");
      client.send("426[\"echo\"] trailing");
      client.send("451-7[\"upload\",{\"_placeholder\":true,\"num\":0}]");
      client.sendBinary(new byte[] {1, 2, 3});
      for (int id = 1; id <= 7; id++) {
        JsonNode ack = client.ack(id);
        assertThat(ack.path("ok").asBoolean()).as("ack %d", id).isFalse();
        assertThat(ack.path("error").path("code").asString()).isEqualTo("bad_request");
      }
      client.send("43[\"stray ack\"]");
      client.send("4299999999999999999999[\"echo\",{}]");
      client.send("42");
      client.send("6");
      client.send("428[\"echo\",{\"after\":\"all that\"}]");
      assertThat(client.ack(8).path("ok").asBoolean()).isTrue();
    }
  }

  @Test
  void eventsBeforeConnectAreRefused() {
    try (RawClient client = RawClient.connect(port)) {
      client.send("421[\"echo\",{}]");
      assertThat(client.ack(1).path("error").path("code").asString()).isEqualTo("bad_request");
      assertThat(listener.events).doesNotContain("beforeConnect");
    }
  }

  @Test
  void aHundredKilobyteFrameReachesTheListener() {
    try (RawClient client = RawClient.connectNamespace(port, token("ivan"))) {
      String text = "x".repeat(100_000);
      client.send("429[\"echo\",{\"text\":\"" + text + "\"}]");
      assertThat(client.ack(9).path("size").asInt()).isEqualTo(100_000);
    }
  }

  @Test
  void aFrameOverMaxPayloadClosesWith1009() {
    try (RawClient client = RawClient.connectNamespace(port, token("judy"))) {
      client.send("42[\"echo\",{\"text\":\"" + "y".repeat(1_000_001) + "\"}]");
      assertThat(client.closeStatus().code()).isEqualTo(1009);
    }
  }

  @Test
  void textThatIsNotSocketIoClosesWith1008() {
    for (String garbage : new String[] {"hello", "", "9", "4", "4x", "0{}"}) {
      try (RawClient client = RawClient.connectNamespace(port, token("kim"))) {
        client.send(garbage);
        assertThat(client.closeStatus().code()).as("after %s", garbage).isEqualTo(1008);
      }
    }
  }

  @Test
  void unexpectedBinaryFrameClosesWith1003AndOnDisconnectOnce() {
    String sid;
    try (RawClient client = RawClient.connectNamespace(port, token("liam"))) {
      sid = client.sid();
      client.sendBinary(new byte[] {4, 2});
      assertThat(client.closeStatus().code()).isEqualTo(1003);
    }
    await().atMost(RawClient.WAIT).until(() -> !listener.disconnectsOf(sid).isEmpty());
    assertThat(listener.disconnectsOf(sid)).containsExactly("forced close");
  }

  @Test
  void peerThatAnswersPingsStaysConnected() {
    try (RawClient client = RawClient.connectNamespace(port, token("mia"))) {
      await().pollDelay(Duration.ofSeconds(3)).atMost(RawClient.WAIT).until(() -> true);
      client.send("421[\"echo\",{}]");
      assertThat(client.ack(1).path("ok").asBoolean()).isTrue();
    }
  }

  @Test
  void peerThatMissesPongsIsDroppedWithPingTimeout() {
    try (RawClient client = RawClient.connect(port)) {
      client.answerPings(false);
      client.send("40{\"token\":\"" + token("ned") + "\"}");
      String sid = RawClient.JSON.readTree(client.next().substring(2)).path("sid").asString();
      assertThat(client.next()).startsWith("42[\"welcome\"");
      assertThat(client.next()).isEqualTo("2");
      assertThat(client.closeStatus().reasonText()).isEqualTo("ping timeout");
      await().atMost(RawClient.WAIT).until(() -> !listener.disconnectsOf(sid).isEmpty());
      assertThat(listener.disconnectsOf(sid)).containsExactly("ping timeout");
    }
  }

  @Test
  void clientDisconnectPacketCallsOnDisconnectOnceAndTheConnectionCanConnectAgain() {
    try (RawClient client = RawClient.connectNamespace(port, token("olga"))) {
      String first = client.sid();
      client.send("41");
      await().atMost(RawClient.WAIT).until(() -> !listener.disconnectsOf(first).isEmpty());
      client.send("40{\"token\":\"" + token("olga") + "\"}");
      assertThat(client.next(f -> f.startsWith("40"))).doesNotContain(first);
      assertThat(listener.disconnectsOf(first)).containsExactly("client namespace disconnect");
    }
  }

  @Test
  void transportCloseCallsOnDisconnectOnce() {
    String sid;
    try (RawClient client = RawClient.connectNamespace(port, token("pam"))) {
      sid = client.sid();
    }
    await().atMost(RawClient.WAIT).until(() -> !listener.disconnectsOf(sid).isEmpty());
    assertThat(listener.disconnectsOf(sid)).containsExactly("transport close");
  }

  @Test
  void serverSideDisconnectSendsDisconnectPacket() {
    try (RawClient client = RawClient.connectNamespace(port, token("quinn"))) {
      String sid = client.sid();
      client.send("421[\"kick\",{}]");
      assertThat(client.next(f -> f.startsWith("41"))).isEqualTo("41");
      await().atMost(RawClient.WAIT).until(() -> !listener.disconnectsOf(sid).isEmpty());
      assertThat(listener.disconnectsOf(sid)).containsExactly("server namespace disconnect");
    }
  }

  @Test
  void slowConsumerIsClosedWithoutHurtingOthers() {
    try (RawClient slow = RawClient.connectNamespace(port, token("rita"));
        RawClient fast = RawClient.connectNamespace(port, token("sam"))) {
      String slowSid = slow.sid();
      slow.pauseReading();
      slow.send("421[\"flood\",{\"count\":40000,\"size\":2000}]");
      await().atMost(RawClient.WAIT).until(() -> !listener.disconnectsOf(slowSid).isEmpty());
      assertThat(listener.disconnectsOf(slowSid)).containsExactly("forced close");
      fast.send("421[\"echo\",{}]");
      assertThat(fast.ack(1).path("ok").asBoolean()).isTrue();
      assertThat(
              registry
                  .get("chat.socketio.disconnects")
                  .tag("reason", "slow_consumer")
                  .counter()
                  .count())
          .isPositive();
    }
  }

  @Test
  void longPollingGets400ThatNamesTheWebsocketTransport() {
    Tuple2<Integer, String> response = get("/socket.io/?EIO=4&transport=polling&t=abc");
    assertThat(response.getT1()).isEqualTo(400);
    JsonNode error = RawClient.JSON.readTree(response.getT2()).path("error");
    assertThat(error.path("code").asString()).isEqualTo("bad_request");
    assertThat(error.path("message").asString()).contains("websocket");
  }

  @Test
  void otherEngineIoVersionsGet400() {
    for (String query : new String[] {"EIO=3&transport=websocket", "transport=websocket"}) {
      Tuple2<Integer, String> response = get("/socket.io/?" + query);
      assertThat(response.getT1()).isEqualTo(400);
      assertThat(response.getT2()).contains("EIO=4");
    }
  }

  @Test
  void websocketTransportWithoutUpgradeGets400() {
    Tuple2<Integer, String> response = get("/socket.io/?EIO=4&transport=websocket");
    assertThat(response.getT1()).isEqualTo(400);
    assertThat(response.getT2()).contains("\"code\":\"bad_request\"");
  }

  @Test
  void metricsCountFramesErrorsAndAckLatencyByKnownEvent() {
    try (RawClient client = RawClient.connectNamespace(port, token("tom"))) {
      client.send("421[\"sendMessage\",{}]");
      client.ack(1);
      client.send("422[\"x-random-name\",{}]");
      client.ack(2);
      client.send("423{bad");
      client.ack(3);
    }
    assertThat(registry.get("chat.socketio.frames").tag("direction", "in").counter().count())
        .isGreaterThanOrEqualTo(4);
    assertThat(registry.get("chat.socketio.frames").tag("direction", "out").counter().count())
        .isGreaterThanOrEqualTo(5);
    assertThat(
            registry.get("chat.socketio.ack.latency").tag("event", "sendMessage").timer().count())
        .isPositive();
    assertThat(registry.get("chat.socketio.ack.latency").tag("event", "unknown").timer().count())
        .isPositive();
    assertThat(registry.find("chat.socketio.ack.latency").tag("event", "x-random-name").timer())
        .isNull();
    assertThat(
            registry.get("chat.socketio.protocol.errors").tag("kind", "bad_json").counter().count())
        .isPositive();
  }

  private double gauge(String name) {
    return registry.get(name).gauge().value();
  }

  private Tuple2<Integer, String> get(String path) {
    return HttpClient.create()
        .get()
        .uri("http://127.0.0.1:" + port + path)
        .responseSingle(
            (response, body) ->
                body.asString()
                    .defaultIfEmpty("")
                    .map(text -> reactor.util.function.Tuples.of(response.status().code(), text)))
        .block(RawClient.WAIT);
  }
}
