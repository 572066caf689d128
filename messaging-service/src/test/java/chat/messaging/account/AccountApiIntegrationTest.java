package chat.messaging.account;

import static org.assertj.core.api.Assertions.assertThat;

import chat.events.ActivityEvent;
import chat.events.ActivityType;
import chat.events.auth.AuthenticatedUser;
import chat.events.auth.JwtTokens;
import chat.messaging.MessagingProperties;
import chat.messaging.activity.ActivityPublisher;
import chat.messaging.auth.AuthProperties;
import chat.messaging.auth.CurrentUser;
import chat.stack.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The account endpoints and the bearer-token filter over HTTP, against the real MongoDB-wire server
 * from {@link TestInfrastructure} (and its Redis, for the readiness group). Only the identity
 * packages are in the context; activity events are recorded at the {@link ActivityPublisher} seam
 * (the Kafka implementation is tested by its owner). A test-only {@code GET /api/whoami} shows what
 * handlers see through {@link CurrentUser}.
 */
@SpringBootTest(
    classes = AccountApiIntegrationTest.App.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "chat.auth.jwt-secret=" + AccountApiIntegrationTest.SECRET,
      "chat.auth.admin-users=Root",
      "chat.auth.bcrypt-strength=4",
      "chat.messaging.instance-id=test-instance"
    })
class AccountApiIntegrationTest {

  static final String SECRET = "account-test-secret-0123456789abcdef-0123";
  private static final ParameterizedTypeReference<Map<String, Object>> JSON =
      new ParameterizedTypeReference<>() {};

  @LocalServerPort int port;
  @Autowired RecordingPublisher events;
  @Autowired JwtTokens tokens;
  WebTestClient client;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    registry.add("spring.mongodb.uri", TestInfrastructure::mongoUri);
    registry.add("spring.data.redis.host", () -> TestInfrastructure.redis().host());
    registry.add("spring.data.redis.port", () -> TestInfrastructure.redis().port());
  }

  @BeforeEach
  void client() {
    client =
        WebTestClient.bindToServer()
            .baseUrl("http://localhost:" + port)
            .responseTimeout(Duration.ofSeconds(30))
            .build();
  }

  @Test
  void registerThenLoginWithAnyCase() {
    String name = uniqueName("Alice");

    Map<String, Object> registered =
        post("/api/auth/register", name, "correct horse", HttpStatus.CREATED);
    assertThat(userOf(registered)).containsEntry("userId", name);
    assertThat(tokens.verify((String) registered.get("token")).userId()).isEqualTo(name);

    Map<String, Object> loggedIn =
        post("/api/auth/login", name.toUpperCase(), "correct horse", HttpStatus.OK);
    assertThat(tokens.verify((String) loggedIn.get("token")).userId()).isEqualTo(name);
    assertThat(events.types(name))
        .containsExactly(ActivityType.USER_REGISTERED, ActivityType.LOGIN_SUCCEEDED);
  }

  @Test
  void namesAreUniqueWithoutRegardToCase() {
    String name = uniqueName("bob");
    post("/api/auth/register", name, "password-1", HttpStatus.CREATED);

    Map<String, Object> taken =
        post("/api/auth/register", name.toUpperCase(), "password-2", HttpStatus.CONFLICT);
    assertThat(errorOf(taken)).containsEntry("code", "bad_request");
  }

  @Test
  void concurrentRegistrationsOfOneNameInDifferentCasesCreateOneAccount() {
    String name = uniqueName("race");
    List<String> variants =
        List.of(name, name.toUpperCase(), name.substring(0, 1).toUpperCase() + name.substring(1));

    WebClient web = WebClient.create("http://localhost:" + port);

    Mono<List<HttpStatusCode>> statuses =
        Flux.fromIterable(variants)
            .flatMap(
                variant ->
                    web.post()
                        .uri("/api/auth/register")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("username", variant, "password", "password-1"))
                        .exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode())))
            .collectList();

    StepVerifier.create(statuses)
        .assertNext(
            list ->
                assertThat(list)
                    .containsExactlyInAnyOrder(
                        HttpStatus.CREATED, HttpStatus.CONFLICT, HttpStatus.CONFLICT))
        .expectComplete()
        .verify(Duration.ofSeconds(60));
  }

  @Test
  void invalidNamesAndPasswordsAre400() {
    for (String bad : List.of("ab", "x".repeat(33), "white space", "semi;colon", "emoji😀x")) {
      Map<String, Object> body =
          post("/api/auth/register", bad, "long enough", HttpStatus.BAD_REQUEST);
      assertThat(errorOf(body)).containsEntry("code", "bad_request");
    }
    for (String bad : List.of("short", "y".repeat(129))) {
      post("/api/auth/register", uniqueName("pw"), bad, HttpStatus.BAD_REQUEST);
    }
  }

  @Test
  void malformedBodiesAre400() {
    for (String body :
        List.of("{", "[]", "{\"username\":\"abc\"}", "", "{\"username\":{},\"password\":\"x\"}")) {
      client
          .post()
          .uri("/api/auth/register")
          .contentType(MediaType.APPLICATION_JSON)
          .bodyValue(body)
          .exchange()
          .expectStatus()
          .isBadRequest()
          .expectBody()
          .jsonPath("$.error.code")
          .isEqualTo("bad_request");
    }
  }

  @Test
  void wrongPasswordAndUnknownUserAre401Alike() {
    String name = uniqueName("carol");
    post("/api/auth/register", name, "correct horse", HttpStatus.CREATED);

    Map<String, Object> wrong =
        post("/api/auth/login", name, "wrong horse", HttpStatus.UNAUTHORIZED);
    Map<String, Object> unknown =
        post("/api/auth/login", uniqueName("nobody"), "wrong horse", HttpStatus.UNAUTHORIZED);

    assertThat(wrong).isEqualTo(unknown);
    assertThat(errorOf(wrong)).containsEntry("code", "unauthorized");
    assertThat(events.types(name)).contains(ActivityType.LOGIN_FAILED);
    assertThat(events.all.toString()).doesNotContain("correct horse", "wrong horse");
  }

  @Test
  void adminUsersGetTheAdminRole() {
    client
        .post()
        .uri("/api/auth/register")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("username", "root", "password", "password-1"))
        .exchange();

    Map<String, Object> body = post("/api/auth/login", "ROOT", "password-1", HttpStatus.OK);
    assertThat(tokens.verify((String) body.get("token")).isAdmin()).isTrue();
    assertThat(userOf(body)).containsEntry("roles", List.of("admin"));
  }

  @Test
  void handlersSeeTheTokensUserAndNeverIdentityHeaders() {
    String token = tokens.issue("dave", Set.of(), Duration.ofHours(1));

    client
        .get()
        .uri("/api/whoami")
        .header("Authorization", "Bearer " + token)
        .header("X-User-Id", "root")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .isEqualTo("dave");
    client
        .get()
        .uri("/api/whoami")
        .header("X-User-Id", "root")
        .header("X-Forwarded-User", "root")
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectBody()
        .jsonPath("$.error.code")
        .isEqualTo("unauthorized");
  }

  @Test
  void tamperedExpiredAlgNoneAndForeignTokensAre401() {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String[] valid = tokens.issue("dave", Set.of(), Duration.ofHours(1)).split("\\.");
    String forged =
        b64.encodeToString(
            "{\"sub\":\"root\",\"roles\":[\"admin\"],\"exp\":9999999999}"
                .getBytes(StandardCharsets.UTF_8));
    List<String> bad =
        List.of(
            valid[0] + "." + forged + "." + valid[2],
            b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8))
                + "."
                + forged
                + ".",
            JwtTokens.fromSecret("another-secret-0123456789abcdef-0123456", Clock.systemUTC())
                .issue("root", Set.of("admin"), Duration.ofHours(1)),
            JwtTokens.fromSecret(
                    SECRET, Clock.fixed(Instant.now().minus(Duration.ofDays(1)), ZoneOffset.UTC))
                .issue("dave", Set.of(), Duration.ofHours(1)));
    for (String token : bad) {
      client
          .get()
          .uri("/api/whoami")
          .header("Authorization", "Bearer " + token)
          .exchange()
          .expectStatus()
          .isUnauthorized();
    }
  }

  private Map<String, Object> post(
      String uri, String username, String password, HttpStatus expected) {
    return client
        .post()
        .uri(uri)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("username", username, "password", password))
        .exchange()
        .expectStatus()
        .isEqualTo(expected)
        .expectBody(JSON)
        .returnResult()
        .getResponseBody();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> userOf(Map<String, Object> body) {
    return (Map<String, Object>) body.get("user");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> errorOf(Map<String, Object> body) {
    return (Map<String, Object>) body.get("error");
  }

  private static String uniqueName(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Records activity events in place of Kafka. */
  static final class RecordingPublisher implements ActivityPublisher {
    final List<ActivityEvent> all = new CopyOnWriteArrayList<>();

    @Override
    public void publish(ActivityEvent event) {
      all.add(event);
    }

    List<String> types(String userId) {
      return all.stream()
          .filter(e -> userId.equals(e.userId()))
          .map(ActivityEvent::eventType)
          .toList();
    }
  }

  /** Only the identity packages, on real MongoDB; nested so other tests' scans skip it. */
  @SpringBootConfiguration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  @EnableConfigurationProperties({AuthProperties.class, MessagingProperties.class})
  @ComponentScan(basePackages = {"chat.messaging.account", "chat.messaging.auth"})
  static class App {

    @Bean
    RecordingPublisher recordingPublisher() {
      return new RecordingPublisher();
    }

    @Bean
    RouterFunction<ServerResponse> whoami() {
      return RouterFunctions.route()
          .GET(
              "/api/whoami",
              request -> {
                AuthenticatedUser user = CurrentUser.from(request);
                return ServerResponse.ok().bodyValue(user.userId());
              })
          .build();
    }
  }
}
