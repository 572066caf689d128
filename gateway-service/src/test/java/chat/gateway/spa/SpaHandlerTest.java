package chat.gateway.spa;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The SPA route alone (no gateway), on a temporary dist directory. */
class SpaHandlerTest {

  @TempDir Path root;
  private Path dist;
  private WebTestClient client;

  @BeforeEach
  void setUp() throws IOException {
    dist = root.resolve("dist");
    Files.createDirectories(dist.resolve("assets"));
    Files.writeString(dist.resolve("index.html"), "<!doctype html><title>app</title>");
    Files.writeString(dist.resolve("assets/index-abc123.js"), "console.log('app')");
    Files.writeString(dist.resolve("favicon.svg"), "<svg/>");
    Files.writeString(root.resolve("secret.txt"), "outside");
    Files.writeString(dist.resolve(".env"), "hidden");
    client = clientFor(dist);
  }

  @Test
  void indexIsServedAndRevalidated() {
    client
        .get()
        .uri("/")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.TEXT_HTML)
        .expectHeader()
        .cacheControl(org.springframework.http.CacheControl.noCache())
        .expectBody(String.class)
        .isEqualTo("<!doctype html><title>app</title>");
  }

  @Test
  void clientRoutesFallBackToIndex() {
    client
        .get()
        .uri("/dm/alice")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .isEqualTo("<!doctype html><title>app</title>");
  }

  @Test
  void hashedAssetsAreCachedForAYear() {
    client
        .get()
        .uri("/assets/index-abc123.js")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals("Cache-Control", SpaHandler.IMMUTABLE)
        .expectHeader()
        .contentTypeCompatibleWith("text/javascript");
  }

  @Test
  void missingFilesWithAnExtensionAre404NotIndex() {
    client
        .get()
        .uri("/assets/missing-1.js")
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectBody()
        .jsonPath("$.error.code")
        .isEqualTo("not_found");
  }

  @Test
  void nothingOutsideDistOrHiddenIsServed() {
    for (String path :
        new String[] {
          "/../secret.txt", "/%2e%2e/secret.txt", "/.env", "/assets/..%2f..%2fsecret.txt"
        }) {
      client
          .get()
          .uri(path)
          .exchange()
          .expectBody(String.class)
          .value(
              body ->
                  org.assertj.core.api.Assertions.assertThat(body)
                      .doesNotContain("outside", "hidden"));
    }
  }

  @Test
  void unchangedFilesAnswer304() {
    String lastModified =
        client
            .get()
            .uri("/favicon.svg")
            .exchange()
            .returnResult(String.class)
            .getResponseHeaders()
            .getFirst("Last-Modified");

    client
        .get()
        .uri("/favicon.svg")
        .header("If-Modified-Since", lastModified)
        .exchange()
        .expectStatus()
        .isNotModified();
  }

  @Test
  void placeholderWhenTheSpaIsNotBuilt() {
    clientFor(root.resolve("does-not-exist"))
        .get()
        .uri("/anything")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .value(
            body ->
                org.assertj.core.api.Assertions.assertThat(body).contains("has not been built"));
  }

  @Test
  void apiAndSocketPathsAreNotTheSpas() {
    client.get().uri("/api/rooms").exchange().expectStatus().isNotFound();
    client.get().uri("/socket.io/").exchange().expectStatus().isNotFound();
  }

  private static WebTestClient clientFor(Path dist) {
    return WebTestClient.bindToRouterFunction(
            new SpaConfiguration().spaRoutes(new FrontendProperties(dist)))
        .build();
  }
}
