package chat.logging.auth;

import chat.events.auth.AuthenticatedUser;
import chat.logging.web.ApiException;
import org.springframework.core.MethodParameter;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Gives controller methods the {@link AuthenticatedUser} that {@link BearerTokenFilter} verified.
 */
final class CallerArgumentResolver implements HandlerMethodArgumentResolver {

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return AuthenticatedUser.class.equals(parameter.getParameterType());
  }

  @Override
  public Mono<Object> resolveArgument(
      MethodParameter parameter, BindingContext bindingContext, ServerWebExchange exchange) {
    Object caller = exchange.getAttribute(BearerTokenFilter.CALLER);
    return caller == null
        ? Mono.error(ApiException.unauthorized("a bearer token is required"))
        : Mono.just(caller);
  }
}
