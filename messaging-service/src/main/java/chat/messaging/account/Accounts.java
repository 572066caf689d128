package chat.messaging.account;

import chat.events.ActivityEvent;
import chat.events.ActivityType;
import chat.events.UserIds;
import chat.events.auth.AuthenticatedUser;
import chat.events.auth.JwtTokens;
import chat.messaging.account.AccountStore.UserNameTakenException;
import chat.messaging.activity.ActivityPublisher;
import chat.messaging.auth.AuthProperties;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Mono;

/**
 * Registration and login. Passwords never leave this class except as BCrypt hashes, and are never
 * logged nor put into activity events.
 */
class Accounts {

  static final int MIN_PASSWORD = 8;
  static final int MAX_PASSWORD = 128;

  private final AccountStore store;
  private final PasswordHasher hasher;
  private final JwtTokens tokens;
  private final AuthProperties properties;
  private final ActivityPublisher activity;
  private final Clock clock;
  private final String instanceId;

  Accounts(
      AccountStore store,
      PasswordHasher hasher,
      JwtTokens tokens,
      AuthProperties properties,
      ActivityPublisher activity,
      Clock clock,
      String instanceId) {
    this.store = store;
    this.hasher = hasher;
    this.tokens = tokens;
    this.properties = properties;
    this.activity = activity;
    this.clock = clock;
    this.instanceId = instanceId;
  }

  /** A signed-in session: the token and who it is for. */
  record Session(String token, String userId, Set<String> roles) {}

  /**
   * Creates the account and signs it in.
   *
   * @return a session, or an error: {@link InvalidCredentialsException} for a malformed name or
   *     password, {@link UserNameTakenException} if the name exists in any case
   */
  Mono<Session> register(String userName, String password) {
    if (!UserIds.isValid(userName)) {
      return Mono.error(
          new InvalidCredentialsException(
              "user name must be 3 to 32 letters, digits, '_', '-' or '.'"));
    }
    if (!validPasswordLength(password)) {
      return Mono.error(
          new InvalidCredentialsException(
              "password must be " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters"));
    }
    return hasher
        .hash(password)
        .map(hash -> new Account(UserIds.canonical(userName), userName, hash, clock.instant()))
        .flatMap(store::insert)
        .map(
            account -> {
              publish(ActivityType.USER_REGISTERED, account.userId(), Map.of());
              return sessionFor(account.userId());
            });
  }

  /**
   * Verifies the credentials.
   *
   * @return a session, or {@link LoginFailedException} for an unknown user or a wrong password
   *     (indistinguishable for the caller, also in time)
   */
  Mono<Session> login(String userName, String password) {
    if (!UserIds.isValid(userName) || !validPasswordLength(password)) {
      // No account can match; no hashing needed since the rules are public.
      publish(ActivityType.LOGIN_FAILED, null, Map.of("reason", "malformed"));
      return Mono.error(new LoginFailedException());
    }
    return store
        .find(userName)
        .flatMap(
            account ->
                hasher
                    .matches(password, account.passwordHash())
                    .flatMap(ok -> ok ? succeeded(account) : failed(account.userId(), "password")))
        .switchIfEmpty(
            Mono.defer(
                () -> hasher.matchesNothing(password).then(failed(userName, "unknown_user"))));
  }

  private Mono<Session> succeeded(Account account) {
    publish(ActivityType.LOGIN_SUCCEEDED, account.userId(), Map.of());
    return Mono.just(sessionFor(account.userId()));
  }

  private Mono<Session> failed(String userId, String reason) {
    publish(ActivityType.LOGIN_FAILED, userId, Map.of("reason", reason));
    return Mono.error(new LoginFailedException());
  }

  private Session sessionFor(String userId) {
    Set<String> roles = properties.isAdmin(userId) ? Set.of(AuthenticatedUser.ADMIN) : Set.of();
    return new Session(tokens.issue(userId, roles, properties.tokenTtl()), userId, roles);
  }

  private void publish(String type, String userId, Map<String, Object> data) {
    activity.publish(ActivityEvent.of(type, clock.instant(), userId, null, instanceId, data));
  }

  private static boolean validPasswordLength(String password) {
    if (password == null) {
      return false;
    }
    int length = password.codePointCount(0, password.length());
    return length >= MIN_PASSWORD && length <= MAX_PASSWORD;
  }

  /** The user name or password does not satisfy the rules; the message says which, for clients. */
  static final class InvalidCredentialsException extends RuntimeException {
    InvalidCredentialsException(String message) {
      super(message, null, false, false);
    }
  }

  /** Unknown user or wrong password. */
  static final class LoginFailedException extends RuntimeException {
    LoginFailedException() {
      super("login failed", null, false, false);
    }
  }
}
