package chat.gateway.error;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

class ErrorBodiesTest {

  @Test
  void codesFollowTheContract() {
    assertThat(ErrorBodies.codeFor(HttpStatus.BAD_REQUEST)).isEqualTo("bad_request");
    assertThat(ErrorBodies.codeFor(HttpStatus.METHOD_NOT_ALLOWED)).isEqualTo("bad_request");
    assertThat(ErrorBodies.codeFor(HttpStatus.UNAUTHORIZED)).isEqualTo("unauthorized");
    assertThat(ErrorBodies.codeFor(HttpStatus.FORBIDDEN)).isEqualTo("forbidden");
    assertThat(ErrorBodies.codeFor(HttpStatus.NOT_FOUND)).isEqualTo("not_found");
    assertThat(ErrorBodies.codeFor(HttpStatus.CONTENT_TOO_LARGE)).isEqualTo("too_large");
    assertThat(ErrorBodies.codeFor(HttpStatus.TOO_MANY_REQUESTS)).isEqualTo("rate_limited");
    assertThat(ErrorBodies.codeFor(HttpStatus.SERVICE_UNAVAILABLE)).isEqualTo("internal");
  }

  @Test
  void bodyIsEscapedJson() {
    assertThat(ErrorBodies.json("bad_request", "a \"quoted\"\n"))
        .isEqualTo(
            "{\"error\":{\"code\":\"bad_request\",\"message\":\"a \\\"quoted\\\"\\u000a\"}}");
  }

  @Test
  void upstreamFailuresMapToUnavailableOrTimeout() {
    assertThat(GatewayErrorHandler.statusOf(new RuntimeException(new ConnectException("refused"))))
        .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    assertThat(GatewayErrorHandler.statusOf(new ConnectTimeoutException("slow")))
        .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    assertThat(GatewayErrorHandler.statusOf(new ResponseStatusException(HttpStatus.NOT_FOUND)))
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(GatewayErrorHandler.statusOf(new IllegalStateException("bug")))
        .isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
  }
}
