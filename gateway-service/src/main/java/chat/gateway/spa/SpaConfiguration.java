package chat.gateway.spa;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.HEAD;
import static org.springframework.web.reactive.function.server.RequestPredicates.path;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The SPA route. Functional routes are consulted before the gateway's routes, so this one
 * explicitly leaves {@code /api/**}, {@code /socket.io/**} and {@code /actuator/**} alone.
 */
@Configuration(proxyBeanMethods = false)
class SpaConfiguration {

  @Bean
  RouterFunction<ServerResponse> spaRoutes(FrontendProperties properties) {
    SpaHandler handler = new SpaHandler(properties.dist());
    RequestPredicate notOurs =
        path("/api").or(path("/api/**")).or(path("/socket.io/**")).or(path("/actuator/**"));
    return RouterFunctions.route(GET("/**").or(HEAD("/**")).and(notOurs.negate()), handler::serve);
  }
}
