package chat.gateway.edge;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.WebsocketServerSpec;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for one service replica behind the gateway: every HTTP request is answered 200 with a
 * JSON echo of what arrived ({@code upstream}, {@code method}, {@code path}, {@code headers}), and
 * {@code /socket.io/} is a WebSocket that echoes every text message, except {@code handshake}
 * (answered with the upgrade request's headers as JSON) and {@code close:<status>} (the upstream
 * closes the WebSocket with that status). The real services are exercised through the gateway by
 * the end-to-end stack tests; here we check the gateway alone.
 */
final class TestUpstream {

  static final int MAX_FRAME = 2 * 1024 * 1024;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  final String name;
  final List<String> paths = new CopyOnWriteArrayList<>();
  private final DisposableServer server;

  private TestUpstream(String name) {
    this.name = name;
    this.server =
        HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .route(
                routes ->
                    routes
                        .ws(
                            "/socket.io/",
                            (in, out) ->
                                out.sendString(
                                    in.aggregateFrames(MAX_FRAME)
                                        .receive()
                                        .asString()
                                        .concatMap(
                                            text ->
                                                text.startsWith("close:")
                                                    ? out.sendClose(
                                                            Integer.parseInt(text.substring(6)),
                                                            "closed by the upstream")
                                                        .then(Mono.<String>empty())
                                                    : Mono.just(
                                                        text.equals("handshake")
                                                            ? JSON.writeValueAsString(
                                                                headers(in.headers()))
                                                            : text))),
                            WebsocketServerSpec.builder().maxFramePayloadLength(MAX_FRAME).build())
                        .route(
                            request -> true,
                            (request, response) -> {
                              paths.add(request.uri());
                              Map<String, Object> echo = new LinkedHashMap<>();
                              echo.put("upstream", name);
                              echo.put("method", request.method().name());
                              echo.put("path", request.uri());
                              echo.put("headers", headers(request.requestHeaders()));
                              return response
                                  .header("Content-Type", "application/json")
                                  .sendString(Mono.just(JSON.writeValueAsString(echo)))
                                  .then();
                            }))
            .bindNow();
  }

  static TestUpstream start(String name) {
    return new TestUpstream(name);
  }

  String url() {
    return "http://127.0.0.1:" + server.port();
  }

  private static Map<String, List<String>> headers(HttpHeaders headers) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    headers.forEach(
        entry ->
            out.computeIfAbsent(entry.getKey().toLowerCase(), k -> new ArrayList<>())
                .add(entry.getValue()));
    return out;
  }
}
