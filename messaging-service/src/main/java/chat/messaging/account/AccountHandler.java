package chat.messaging.account;

import chat.messaging.account.AccountStore.UserNameTakenException;
import chat.messaging.account.Accounts.InvalidCredentialsException;
import chat.messaging.account.Accounts.LoginFailedException;
import chat.messaging.account.Accounts.Session;
import chat.messaging.auth.ApiError;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/auth/register} and {@code POST /api/auth/login} with a JSON body {@code
 * {username, password}}; both answer {@code {token, user: {userId, roles}}}.
 */
class AccountHandler {

  private static final Logger log = LoggerFactory.getLogger(AccountHandler.class);

  private final Accounts accounts;

  AccountHandler(Accounts accounts) {
    this.accounts = accounts;
  }

  /** The request body. Unknown fields are ignored; the password is never logged. */
  record Credentials(String username, String password) {
    @Override
    public String toString() {
      return "Credentials[" + username + "]";
    }
  }

  Mono<ServerResponse> register(ServerRequest request) {
    return credentials(request)
        .flatMap(c -> accounts.register(c.username(), c.password()))
        .flatMap(session -> respond(HttpStatus.CREATED, session))
        .onErrorResume(AccountHandler::error);
  }

  Mono<ServerResponse> login(ServerRequest request) {
    return credentials(request)
        .flatMap(c -> accounts.login(c.username(), c.password()))
        .flatMap(session -> respond(HttpStatus.OK, session))
        .onErrorResume(AccountHandler::error);
  }

  private static Mono<Credentials> credentials(ServerRequest request) {
    return request
        .bodyToMono(Credentials.class)
        .onErrorMap(
            ResponseStatusException.class,
            e -> new InvalidCredentialsException("body must be JSON {username, password}"))
        .filter(c -> c.username() != null && c.password() != null)
        .switchIfEmpty(
            Mono.error(new InvalidCredentialsException("username and password are required")));
  }

  private static Mono<ServerResponse> respond(HttpStatus status, Session session) {
    Map<String, Object> user = Map.of("userId", session.userId(), "roles", session.roles());
    return ServerResponse.status(status)
        .contentType(MediaType.APPLICATION_JSON)
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .bodyValue(Map.of("token", session.token(), "user", user));
  }

  private static Mono<ServerResponse> error(Throwable error) {
    if (error instanceof InvalidCredentialsException) {
      return ApiError.badRequest(error.getMessage()).respond(HttpStatus.BAD_REQUEST);
    }
    if (error instanceof UserNameTakenException) {
      // 409; the code stays within the contract's list, the status tells the difference.
      return ApiError.badRequest("user name is already taken").respond(HttpStatus.CONFLICT);
    }
    if (error instanceof LoginFailedException) {
      return ApiError.unauthorized("invalid user name or password")
          .respond(HttpStatus.UNAUTHORIZED);
    }
    if (error instanceof RejectedExecutionException) {
      return ServerResponse.status(HttpStatus.TOO_MANY_REQUESTS)
          .header(HttpHeaders.RETRY_AFTER, "1")
          .contentType(MediaType.APPLICATION_JSON)
          .bodyValue(new ApiError("rate_limited", "too many sign-ins at once, retry").body());
    }
    log.error("account request failed: {}", error.toString());
    return new ApiError("internal", "internal error").respond(HttpStatus.INTERNAL_SERVER_ERROR);
  }
}
