package chat.messaging.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.util.ClassUtils;

/**
 * Only spring-security-crypto (BCrypt) belongs on the classpath. Spring Security's web stack would
 * auto-configure a filter chain that locks every endpoint behind HTTP basic and a generated
 * password, on top of our own token filter.
 */
class NoSpringSecurityWebStackTest {

  @Test
  void springSecurityWebIsNotOnTheClasspath() {
    ClassLoader loader = getClass().getClassLoader();
    assertThat(
            ClassUtils.isPresent(
                "org.springframework.security.web.server.WebFilterChainProxy", loader))
        .isFalse();
    assertThat(
            ClassUtils.isPresent(
                "org.springframework.security.config.web.server.ServerHttpSecurity", loader))
        .isFalse();
    assertThat(
            ClassUtils.isPresent(
                "org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder", loader))
        .isTrue();
  }
}
