package chat.gateway.spa;

import chat.gateway.error.ErrorBodies;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.UriUtils;
import reactor.core.publisher.Mono;

/**
 * Serves the built SPA: files that exist as they are, {@code index.html} for client-side routes
 * (paths without a file extension), 404 for missing files with an extension (a missing script must
 * not come back as HTML). Hashed files under {@code /assets/} are cached for a year ({@code
 * immutable}); everything else, {@code index.html} above all, is revalidated on each use ({@code
 * no-cache} + {@code Last-Modified}), so a new deployment is picked up at the next load.
 *
 * <p>Only files inside {@link FrontendProperties#dist()} are served: no {@code ..}, no hidden
 * files, no symbolic links out of it.
 */
class SpaHandler {

  static final String IMMUTABLE = "public, max-age=31536000, immutable";
  static final String REVALIDATE = "no-cache";

  private static final Resource PLACEHOLDER =
      new ClassPathResource("chat/gateway/spa/placeholder.html");

  private final Path dist;

  SpaHandler(Path dist) {
    this.dist = dist;
  }

  Mono<ServerResponse> serve(ServerRequest request) {
    Path index = dist.resolve("index.html");
    if (!Files.isRegularFile(index)) {
      return ServerResponse.ok()
          .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
          .header("Cache-Control", REVALIDATE)
          .body(BodyInserters.fromResource(PLACEHOLDER));
    }
    String path = request.requestPath().pathWithinApplication().value();
    Optional<Path> file = resolve(path);
    if (file.isPresent()) {
      String cache = path.startsWith("/assets/") ? IMMUTABLE : REVALIDATE;
      return file(request, file.get(), cache);
    }
    if (lastSegment(path).contains(".")) {
      return ServerResponse.status(HttpStatus.NOT_FOUND)
          .build(
              (exchange, context) ->
                  ErrorBodies.write(exchange.getResponse(), HttpStatus.NOT_FOUND, "not found"));
    }
    return file(request, index, REVALIDATE);
  }

  /** The regular file under {@code dist} that {@code urlPath} names, if it is a safe one. */
  Optional<Path> resolve(String urlPath) {
    String decoded;
    try {
      decoded = UriUtils.decode(urlPath, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (decoded.contains("\0") || decoded.contains("\\") || decoded.endsWith("/")) {
      return Optional.empty();
    }
    for (String segment : decoded.split("/")) {
      if (segment.startsWith(".")) {
        return Optional.empty(); // "..", ".", ".git", ".env"
      }
    }
    Path candidate = dist.resolve(decoded.substring(1)).normalize();
    if (!candidate.startsWith(dist) || !Files.isRegularFile(candidate, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    return Optional.of(candidate);
  }

  private static Mono<ServerResponse> file(ServerRequest request, Path path, String cache) {
    Instant modified;
    try {
      modified = Files.getLastModifiedTime(path).toInstant();
    } catch (IOException e) {
      return ServerResponse.notFound().build();
    }
    FileSystemResource resource = new FileSystemResource(path);
    MediaType type =
        MediaTypeFactory.getMediaType(resource).orElse(MediaType.APPLICATION_OCTET_STREAM);
    if (type.getType().equals("text") || type.getSubtype().equals("javascript")) {
      type = new MediaType(type, StandardCharsets.UTF_8);
    }
    MediaType contentType = type;
    return request
        .checkNotModified(modified)
        .switchIfEmpty(
            Mono.defer(
                () ->
                    ServerResponse.ok()
                        .contentType(contentType)
                        .header("Cache-Control", cache)
                        .lastModified(modified)
                        .body(BodyInserters.fromResource(resource))));
  }

  private static String lastSegment(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
