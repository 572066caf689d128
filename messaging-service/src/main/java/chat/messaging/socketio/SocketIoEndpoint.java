package chat.messaging.socketio;

import chat.messaging.socketio.codec.SocketIoCodec;
import io.netty.channel.Channel;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

/**
 * {@code /socket.io/}: checks the Engine.IO handshake query, then upgrades to a WebSocket. Only
 * Engine.IO v4 over the websocket transport is served; everything else gets a 400 in the HTTP error
 * shape that says what to change.
 */
final class SocketIoEndpoint implements WebHandler {

  static final String POLLING_REFUSED =
      "only the websocket transport is served (no long-polling): connect with"
          + " { transports: ['websocket'] }";
  static final String VERSION_REFUSED =
      "Engine.IO protocol version 4 is required (EIO=4): use socket.io-client 4.x";
  static final String UPGRADE_REQUIRED =
      "expected a WebSocket upgrade request (GET with Upgrade: websocket)";

  private final WebSocketService webSocketService;
  private final SocketIoHandler handler;

  SocketIoEndpoint(WebSocketService webSocketService, SocketIoHandler handler) {
    this.webSocketService = webSocketService;
    this.handler = handler;
  }

  @Override
  public Mono<Void> handle(ServerWebExchange exchange) {
    MultiValueMap<String, String> query = exchange.getRequest().getQueryParams();
    if (!"4".equals(query.getFirst("EIO"))) {
      return badRequest(exchange, VERSION_REFUSED);
    }
    if (!"websocket".equals(query.getFirst("transport"))) {
      return badRequest(exchange, POLLING_REFUSED);
    }
    // The connection's channel, for writing frames to it directly after the upgrade.
    if (!(ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest())
        instanceof Connection connection)) {
      return Mono.error(new IllegalStateException("Socket.IO is served on Reactor Netty only"));
    }
    Channel channel = connection.channel();
    return webSocketService
        .handleRequest(exchange, ws -> handler.handle(ws, channel))
        .onErrorResume(ResponseStatusException.class, e -> badRequest(exchange, UPGRADE_REQUIRED));
  }

  private static Mono<Void> badRequest(ServerWebExchange exchange, String message) {
    ServerHttpResponse response = exchange.getResponse();
    response.setStatusCode(HttpStatus.BAD_REQUEST);
    response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
    byte[] body = SocketIoCodec.json().writeValueAsBytes(Map.of("error", error(message)));
    return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
  }

  private static Map<String, String> error(String message) {
    Map<String, String> error = new LinkedHashMap<>();
    error.put("code", "bad_request");
    error.put("message", message);
    return error;
  }
}
