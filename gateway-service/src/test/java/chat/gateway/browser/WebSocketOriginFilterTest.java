package chat.gateway.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

class WebSocketOriginFilterTest {

  private final WebSocketOriginFilter filter =
      new WebSocketOriginFilter(new BrowserProperties(List.of("http://localhost:5173"), true));

  @Test
  void clientUrlIsAllowed() {
    assertThat(filter.isAllowed(headers("http://localhost:5173", "gateway:8080"))).isTrue();
    assertThat(filter.isAllowed(headers("HTTP://LOCALHOST:5173", "gateway:8080"))).isTrue();
  }

  @Test
  void theGatewaysOwnOriginIsAllowed() {
    assertThat(filter.isAllowed(headers("http://localhost:8080", "localhost:8080"))).isTrue();
    assertThat(filter.isAllowed(headers("https://chat.example.com", "chat.example.com"))).isTrue();
    assertThat(filter.isAllowed(headers("https://chat.example.com", "chat.example.com:443")))
        .isTrue();
  }

  @Test
  void otherOriginsAreRefused() {
    assertThat(filter.isAllowed(headers("https://evil.example", "localhost:8080"))).isFalse();
    assertThat(filter.isAllowed(headers("http://localhost:8081", "localhost:8080"))).isFalse();
    assertThat(filter.isAllowed(headers("http://localhost:5173.evil.example", "x"))).isFalse();
    assertThat(filter.isAllowed(headers("null", "localhost:8080"))).isFalse();
    assertThat(filter.isAllowed(headers("file://", "localhost:8080"))).isFalse();
  }

  @Test
  void missingOriginFollowsTheSetting() {
    assertThat(filter.isAllowed(headers(null, "localhost:8080"))).isTrue();
    WebSocketOriginFilter strict =
        new WebSocketOriginFilter(new BrowserProperties(List.of("http://localhost:5173"), false));
    assertThat(strict.isAllowed(headers(null, "localhost:8080"))).isFalse();
  }

  @Test
  void clientUrlsAreNormalizedToOrigins() {
    BrowserProperties properties =
        new BrowserProperties(List.of("https://Chat.Example.com:443/app/", " http://a:80 "), true);

    assertThat(properties.clientUrls()).containsExactly("https://chat.example.com", "http://a");
  }

  private static HttpHeaders headers(String origin, String host) {
    HttpHeaders headers = new HttpHeaders();
    if (origin != null) {
      headers.setOrigin(origin);
    }
    headers.set(HttpHeaders.HOST, host);
    return headers;
  }
}
