package chat.messaging.account;

import static org.assertj.core.api.Assertions.assertThat;

import chat.events.ActivityEvent;
import chat.events.ActivityType;
import chat.events.UserIds;
import chat.events.auth.AuthenticatedUser;
import chat.events.auth.JwtTokens;
import chat.messaging.account.AccountStore.UserNameTakenException;
import chat.messaging.account.Accounts.InvalidCredentialsException;
import chat.messaging.account.Accounts.LoginFailedException;
import chat.messaging.activity.ActivityPublisher;
import chat.messaging.auth.AuthProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** Registration and login rules, with an in-memory store and a recording activity publisher. */
class AccountsTest {

  private static final String SECRET = "test-secret-0123456789abcdef0123456789";
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final Scheduler scheduler = Schedulers.newBoundedElastic(2, 16, "test-hash");
  private final JwtTokens tokens = JwtTokens.fromSecret(SECRET, Clock.systemUTC());
  private final List<ActivityEvent> events = new CopyOnWriteArrayList<>();
  private final ActivityPublisher activity = events::add;
  private final Accounts accounts =
      new Accounts(
          new MemoryStore(),
          new PasswordHasher(4, scheduler),
          tokens,
          new AuthProperties(SECRET, Set.of("Root"), Duration.ofHours(12), 4, 1, 8),
          activity,
          Clock.systemUTC(),
          "test-instance");

  @AfterEach
  void disposeScheduler() {
    scheduler.dispose();
  }

  @Test
  void registerIssuesATokenForTheNameAsTyped() {
    StepVerifier.create(accounts.register("Alice", "correct horse"))
        .assertNext(
            session -> {
              assertThat(session.userId()).isEqualTo("Alice");
              AuthenticatedUser user = tokens.verify(session.token());
              assertThat(user.userId()).isEqualTo("Alice");
              assertThat(user.isAdmin()).isFalse();
            })
        .expectComplete()
        .verify(WAIT);
    assertThat(events)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.eventType()).isEqualTo(ActivityType.USER_REGISTERED);
              assertThat(e.userId()).isEqualTo("Alice");
              assertThat(e.instanceId()).isEqualTo("test-instance");
            });
  }

  @Test
  void namesAreUniqueWithoutRegardToCase() {
    StepVerifier.create(accounts.register("alice", "password-1"))
        .expectNextCount(1)
        .expectComplete()
        .verify(WAIT);

    StepVerifier.create(accounts.register("ALICE", "password-2"))
        .expectError(UserNameTakenException.class)
        .verify(WAIT);
  }

  @Test
  void loginAcceptsAnyCaseAndReturnsTheRegisteredName() {
    accounts.register("Alice", "correct horse").block(WAIT);

    StepVerifier.create(accounts.login("aLiCe", "correct horse"))
        .assertNext(
            session -> assertThat(tokens.verify(session.token()).userId()).isEqualTo("Alice"))
        .expectComplete()
        .verify(WAIT);
    assertThat(events).extracting(ActivityEvent::eventType).contains(ActivityType.LOGIN_SUCCEEDED);
  }

  @Test
  void wrongPasswordAndUnknownUserFailTheSameWay() {
    accounts.register("alice", "correct horse").block(WAIT);

    StepVerifier.create(accounts.login("alice", "wrong horse"))
        .expectError(LoginFailedException.class)
        .verify(WAIT);
    StepVerifier.create(accounts.login("nobody", "wrong horse"))
        .expectError(LoginFailedException.class)
        .verify(WAIT);

    assertThat(events)
        .filteredOn(e -> e.eventType().equals(ActivityType.LOGIN_FAILED))
        .extracting(ActivityEvent::userId, e -> e.data().get("reason"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("alice", "password"),
            org.assertj.core.groups.Tuple.tuple("nobody", "unknown_user"));
  }

  @Test
  void invalidNamesAndPasswordsAreRejected() {
    for (String name : List.of("ab", "a".repeat(33), "has space", "semi;colon", "ünï", "")) {
      StepVerifier.create(accounts.register(name, "long enough"))
          .expectError(InvalidCredentialsException.class)
          .verify(WAIT);
    }
    for (String password : List.of("short", "x".repeat(129))) {
      StepVerifier.create(accounts.register("valid_name", password))
          .expectError(InvalidCredentialsException.class)
          .verify(WAIT);
    }
  }

  @Test
  void passwordsLongerThanBcryptsLimitStillCountInFull() {
    String base = "é".repeat(100); // 200 bytes of UTF-8, beyond BCrypt's 72
    accounts.register("longpass", base + "A").block(WAIT);

    StepVerifier.create(accounts.login("longpass", base + "B"))
        .expectError(LoginFailedException.class)
        .verify(WAIT);
    StepVerifier.create(accounts.login("longpass", base + "A"))
        .expectNextCount(1)
        .expectComplete()
        .verify(WAIT);
  }

  @Test
  void adminUsersGetTheAdminRole() {
    StepVerifier.create(accounts.register("root", "password-1"))
        .assertNext(session -> assertThat(tokens.verify(session.token()).isAdmin()).isTrue())
        .expectComplete()
        .verify(WAIT);
  }

  @Test
  void noEventCarriesThePassword() {
    accounts.register("alice", "secret-password-123").block(WAIT);
    accounts.login("alice", "secret-password-123").block(WAIT);
    accounts.login("alice", "other-password-456").onErrorComplete().block(WAIT);

    assertThat(events).hasSize(3);
    assertThat(events.toString()).doesNotContain("secret-password-123", "other-password-456");
  }

  /** The store's contract in memory: unique by canonical name, as MongoDB's _id index is. */
  private static final class MemoryStore extends AccountStore {
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();

    MemoryStore() {
      super(null);
    }

    @Override
    Mono<Account> insert(Account account) {
      return accounts.putIfAbsent(account.id(), account) == null
          ? Mono.just(account)
          : Mono.error(new UserNameTakenException());
    }

    @Override
    Mono<Account> find(String userName) {
      return Mono.justOrEmpty(accounts.get(UserIds.canonical(userName)));
    }
  }
}
