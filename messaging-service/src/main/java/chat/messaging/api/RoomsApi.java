package chat.messaging.api;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import chat.events.auth.AuthenticatedUser;
import chat.messaging.auth.CurrentUser;
import chat.messaging.error.ChatException;
import chat.messaging.error.ErrorBody;
import chat.messaging.error.ErrorCode;
import chat.messaging.message.MessageLog;
import chat.messaging.message.PageSize;
import chat.messaging.room.RoomDirectory;
import chat.messaging.room.RoomSummary;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/rooms} ({@code {rooms: [Room]}}) and {@code GET
 * /api/rooms/{room}/messages?beforeSeq=&limit=} ({@code {messages, hasMore}}, the rules of {@code
 * loadHistory}). The caller comes from the bearer-token filter.
 */
@Configuration(proxyBeanMethods = false)
class RoomsApi {

  private static final Logger log = LoggerFactory.getLogger(RoomsApi.class);

  record RoomList(List<RoomSummary> rooms) {}

  @Bean
  RouterFunction<ServerResponse> roomRoutes(RoomDirectory rooms, MessageLog messages) {
    return route(GET("/api/rooms"), request -> list(request, rooms, messages))
        .andRoute(GET("/api/rooms/{room}/messages"), request -> history(request, rooms, messages));
  }

  private static Mono<ServerResponse> list(
      ServerRequest request, RoomDirectory rooms, MessageLog messages) {
    AuthenticatedUser caller = CurrentUser.from(request);
    return rooms
        .roomsOf(caller.userId())
        .flatMapSequential(room -> messages.lastSeq(room.id()).map(room::summary), 8)
        .collectList()
        .flatMap(list -> ok(new RoomList(list)))
        .onErrorResume(RoomsApi::error);
  }

  private static Mono<ServerResponse> history(
      ServerRequest request, RoomDirectory rooms, MessageLog messages) {
    AuthenticatedUser caller = CurrentUser.from(request);
    return Mono.defer(
            () -> {
              Long beforeSeq = longParam(request, "beforeSeq");
              if (beforeSeq != null && beforeSeq < 1) {
                throw ChatException.badRequest("beforeSeq must be at least 1");
              }
              int size = PageSize.of(longParam(request, "limit"));
              return rooms
                  .accessible(request.pathVariable("room"), caller.userId())
                  .flatMap(room -> messages.history(room.id(), beforeSeq, size));
            })
        .flatMap(RoomsApi::ok)
        .onErrorResume(RoomsApi::error);
  }

  private static Long longParam(ServerRequest request, String name) {
    Optional<String> value = request.queryParam(name).filter(v -> !v.isEmpty());
    if (value.isEmpty()) {
      return null;
    }
    try {
      return Long.parseLong(value.get());
    } catch (NumberFormatException e) {
      throw ChatException.badRequest(name + " must be an integer");
    }
  }

  private static Mono<ServerResponse> ok(Object body) {
    return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body);
  }

  private static Mono<ServerResponse> error(Throwable e) {
    ChatException refusal;
    if (e instanceof ChatException chat) {
      refusal = chat;
    } else {
      log.error("room API request failed", e);
      refusal = new ChatException(ErrorCode.INTERNAL, "something went wrong, try again");
    }
    return ServerResponse.status(refusal.code().status())
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(ErrorBody.of(refusal.code(), refusal.getMessage()));
  }
}
