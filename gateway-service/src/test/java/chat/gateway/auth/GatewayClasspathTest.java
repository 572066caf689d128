package chat.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.util.ClassUtils;

/**
 * The gateway checks tokens with its own small filter. Spring Security's web stack must not sneak
 * in through a dependency: it would install a filter chain of its own (HTTP basic, a generated
 * password) in front of every route.
 */
class GatewayClasspathTest {

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
  }
}
