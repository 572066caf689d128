package chat.messaging.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A hand-driven Engine.IO v4 WebSocket client for protocol tests: exact frames out, every text
 * frame in (pings answered automatically unless told otherwise), the close status the server sent.
 * Reading can be paused at the TCP level to play a slow consumer.
 */
final class RawClient implements AutoCloseable {

  static final Duration WAIT = Duration.ofSeconds(30);
  static final JsonMapper JSON = JsonMapper.builder().build();

  private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
  private final Sinks.Many<WebSocketFrame> outbound = Sinks.many().unicast().onBackpressureBuffer();
  private final Sinks.One<WebSocketCloseStatus> closeStatus = Sinks.one();
  private final Disposable session;
  private volatile boolean answerPings = true;
  private volatile boolean closed;
  private volatile boolean paused;
  private volatile String sid;

  private RawClient(int port, String query) {
    session =
        HttpClient.create()
            .websocket(WebsocketClientSpec.builder().maxFramePayloadLength(4_000_000).build())
            .uri("ws://127.0.0.1:" + port + "/socket.io/?" + query)
            .handle(
                (in, out) -> {
                  in.receiveCloseStatus().subscribe(closeStatus::tryEmitValue);
                  // concatMap with prefetch 1: a paused client stops requesting, so Reactor
                  // Netty stops reading the socket (real TCP backpressure).
                  Mono<Void> receive =
                      in.aggregateFrames(4_000_000)
                          .receiveFrames()
                          .<String>handle(
                              (frame, sink) -> {
                                if (frame instanceof TextWebSocketFrame text) {
                                  sink.next(text.text());
                                }
                              })
                          .concatMap(text -> paused ? Mono.<String>never() : Mono.just(text), 1)
                          .doOnNext(this::onText)
                          .then();
                  Mono<Void> send = out.sendObject(outbound.asFlux()).then();
                  return Mono.zip(receive, send).then();
                })
            .doFinally(signal -> closed = true)
            .doFinally(signal -> closed = true)
            .subscribe(unused -> {}, error -> closeStatus.tryEmitEmpty());
  }

  /** Connects with {@code EIO=4&transport=websocket} and consumes the open packet. */
  static RawClient connect(int port) {
    RawClient client = new RawClient(port, "EIO=4&transport=websocket");
    assertThat(client.next()).startsWith("0{");
    return client;
  }

  /** Connects and CONNECTs the default namespace with {@code token}; see {@link #sid()}. */
  static RawClient connectNamespace(int port, String token) {
    RawClient client = connect(port);
    client.send("40{\"token\":\"" + token + "\"}");
    String connected = client.next(f -> f.startsWith("40") || f.startsWith("44"));
    assertThat(connected).startsWith("40{");
    client.sid = JSON.readTree(connected.substring(2)).path("sid").asString();
    return client;
  }

  /** The socket id the server answered {@link #connectNamespace} with. */
  String sid() {
    return sid;
  }

  /** A client whose open packet has not been consumed. */
  static RawClient open(int port) {
    return new RawClient(port, "EIO=4&transport=websocket");
  }

  private void onText(String data) {
    if (data.equals("2") && answerPings) {
      send("3");
    } else {
      frames.add(data);
    }
  }

  /** Sends a text frame; false if the connection is already gone. */
  boolean send(String text) {
    return outbound.tryEmitNext(new TextWebSocketFrame(text)).isSuccess();
  }

  /** Sends a binary frame; false if the connection is already gone. */
  boolean sendBinary(byte[] bytes) {
    return outbound
        .tryEmitNext(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes)))
        .isSuccess();
  }

  /** Whether the WebSocket has ended (closed by either side, or never opened). */
  boolean isClosed() {
    return closed;
  }

  void answerPings(boolean answer) {
    this.answerPings = answer;
  }

  /** Stops reading from the socket (TCP backpressure): the server's writes pile up. */
  void pauseReading() {
    paused = true;
  }

  /** The next text frame (pings excluded while they are answered). */
  String next() {
    return next(frame -> true);
  }

  /** The next text frame that matches, skipping others; fails after {@link #WAIT}. */
  String next(Predicate<String> matching) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    try {
      while (System.nanoTime() < deadline) {
        String frame = frames.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (frame != null && matching.test(frame)) {
          return frame;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new AssertionError("no matching frame within " + WAIT);
  }

  /**
   * The next text frame that matches, or {@code null} once the connection has closed without one;
   * fails after {@code wait}.
   */
  String nextUnlessClosed(Predicate<String> matching, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    try {
      while (System.nanoTime() < deadline) {
        String frame = frames.poll(20, TimeUnit.MILLISECONDS);
        if (frame != null && matching.test(frame)) {
          return frame;
        }
        if (frame == null && closed) {
          return null;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new AssertionError("neither a matching frame nor a close within " + wait);
  }

  /** The payload of the ack {@code 43<id>[payload]}. */
  JsonNode ack(long id) {
    String frame = next(f -> f.startsWith("43" + id + "["));
    return JSON.readTree(frame.substring(("43" + id).length())).path(0);
  }

  /** The close status the server sent, once the connection is closed. */
  WebSocketCloseStatus closeStatus() {
    return closeStatus.asMono().block(WAIT);
  }

  @Override
  public void close() {
    outbound.tryEmitComplete();
    session.dispose();
  }
}
