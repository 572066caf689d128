package chat.messaging.socketio;

import chat.events.auth.JwtTokens;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import reactor.netty.http.server.WebsocketServerSpec;

/**
 * The Socket.IO endpoint at {@code /socket.io/}: Engine.IO v4 + Socket.IO v5 over Reactor Netty
 * WebSockets, calling the application's one {@link SocketListener}.
 */
@Configuration(proxyBeanMethods = false)
public class SocketIoConfiguration {

  @Bean
  SocketIoMetrics socketIoMetrics(MeterRegistry registry, SocketIoProperties properties) {
    return new SocketIoMetrics(registry, properties);
  }

  @Bean
  SocketIoHandler socketIoHandler(
      SocketListener listener,
      JwtTokens tokens,
      SocketIoProperties properties,
      SocketIoMetrics metrics) {
    return new SocketIoHandler(listener, tokens, properties, metrics);
  }

  @Bean
  SimpleUrlHandlerMapping socketIoHandlerMapping(
      SocketIoHandler handler, SocketIoProperties properties) {
    // Reactor Netty's default frame limit is 64 KB; Engine.IO announces maxPayload, so accept it.
    // Larger frames are refused by Netty's decoder with close status 1009.
    var upgrade =
        new ReactorNettyRequestUpgradeStrategy(
            () -> WebsocketServerSpec.builder().maxFramePayloadLength(properties.maxPayload()));
    var webSocketService = new HandshakeWebSocketService(upgrade);
    webSocketService.start();
    var endpoint = new SocketIoEndpoint(webSocketService, handler);
    // Before the annotated controllers and router functions: this path is the endpoint's alone.
    return new SimpleUrlHandlerMapping(
        Map.of("/socket.io/", endpoint, "/socket.io", endpoint), -10);
  }
}
