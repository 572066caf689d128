package chat.stack.launcher;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;

/**
 * The running launcher's control endpoint on a random loopback port (written to {@code
 * run/control.port}): {@code POST /restart/<component>} and {@code GET /status}, used by {@code
 * deploy/chat restart} and {@code deploy/chat status}.
 */
final class ControlServer implements AutoCloseable {

  private final HttpServer server;

  ControlServer(LocalStack stack) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newSingleThreadExecutor());
    server.createContext("/status", exchange -> reply(exchange, 200, StatusReport.of(stack)));
    server.createContext("/restart/", exchange -> restart(stack, exchange));
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  private static void restart(LocalStack stack, HttpExchange exchange) throws IOException {
    if (!"POST".equals(exchange.getRequestMethod())) {
      reply(exchange, 405, "POST only\n");
      return;
    }
    String name = exchange.getRequestURI().getPath().substring("/restart/".length());
    if (stack.find(name).isEmpty()) {
      reply(exchange, 404, "No component named " + name + ". " + StatusReport.names(stack) + "\n");
      return;
    }
    try {
      Duration took = stack.restart(name);
      reply(exchange, 200, name + " restarted and ready in " + Progress.seconds(took) + "\n");
    } catch (RuntimeException e) {
      reply(exchange, 500, name + " did not come back: " + e.getMessage() + "\n");
    }
  }

  private static void reply(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
