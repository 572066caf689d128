package chat.gateway.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class UpstreamHandshakeTest {

  private static final EventLoopGroup LOOPS =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

  @AfterAll
  static void stopLoops() {
    LOOPS.shutdownGracefully();
  }

  @Test
  void bytesTheUpstreamSendsRightAfterThe101AreKeptForTheBrowser() throws Exception {
    try (ServerSocket upstream = new ServerSocket(0)) {
      // The 101 and the first frame in one write, as a server may send them in one segment.
      CompletableFuture<String> request =
          answerOnce(
              upstream,
              "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n\u0081\u0002hi");

      StepVerifier.create(connect(upstream.getLocalPort(), Duration.ofSeconds(5)))
          .assertNext(
              answer -> {
                assertThat(answer.refused()).isNull();
                String greeting =
                    answer.upgraded().greeting().toString(StandardCharsets.ISO_8859_1);
                answer.upgraded().greeting().release();
                answer.upgraded().channel().close();
                assertThat(greeting)
                    .startsWith("HTTP/1.1 101 Switching Protocols\r\n")
                    .contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n")
                    .endsWith("\r\n\r\n\u0081\u0002hi");
              })
          .verifyComplete();
      assertThat(request.get())
          .startsWith("GET /socket.io/?EIO=4 HTTP/1.1\r\n")
          .contains("upgrade: websocket");
    }
  }

  @Test
  void aRefusedUpgradeComesBackAsTheUpstreamsResponse() throws Exception {
    try (ServerSocket upstream = new ServerSocket(0)) {
      answerOnce(
          upstream,
          "HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: 9\r\n\r\n"
              + "{\"e\":\"x\"}");

      StepVerifier.create(connect(upstream.getLocalPort(), Duration.ofSeconds(5)))
          .assertNext(
              answer -> {
                assertThat(answer.upgraded()).isNull();
                assertThat(answer.refused().status().code()).isEqualTo(400);
                assertThat(answer.refused().content().toString(StandardCharsets.UTF_8))
                    .isEqualTo("{\"e\":\"x\"}");
                answer.refused().release();
              })
          .verifyComplete();
    }
  }

  @Test
  void aClosedPortFailsWithTheConnectError() throws Exception {
    int port;
    try (ServerSocket closed = new ServerSocket(0)) {
      port = closed.getLocalPort();
    }

    StepVerifier.create(connect(port, Duration.ofSeconds(5)))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ConnectException.class))
        .verify(Duration.ofSeconds(10));
  }

  @Test
  void anUpstreamThatNeverAnswersTimesOut() throws Exception {
    try (ServerSocket silent = new ServerSocket(0)) {
      StepVerifier.create(connect(silent.getLocalPort(), Duration.ofMillis(300)))
          .expectError(TimeoutException.class)
          .verify(Duration.ofSeconds(10));
    }
  }

  private static reactor.core.publisher.Mono<UpstreamHandshake.Answer> connect(
      int port, Duration answerTimeout) {
    FullHttpRequest request =
        new DefaultFullHttpRequest(
            HttpVersion.HTTP_1_1, HttpMethod.GET, "/socket.io/?EIO=4", Unpooled.EMPTY_BUFFER);
    request.headers().set("upgrade", "websocket").set("connection", "Upgrade");
    return UpstreamHandshake.connect(
        LOOPS.next(),
        NioSocketChannel.class,
        new InetSocketAddress("127.0.0.1", port),
        request,
        Duration.ofSeconds(2),
        answerTimeout);
  }

  /** Accepts one connection, reads the request head, writes {@code response} in one write. */
  private static CompletableFuture<String> answerOnce(ServerSocket server, String response) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (Socket socket = server.accept()) {
            String head = readHead(socket.getInputStream());
            socket.getOutputStream().write(response.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            socket.getInputStream().read(); // until the client closes
            return head;
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }
}
