package chat.messaging.account;

import chat.events.UserIds;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Accounts in MongoDB, keyed by the lower-cased user name. */
@Component
class AccountStore {

  private final ReactiveMongoTemplate mongo;

  AccountStore(ReactiveMongoTemplate mongo) {
    this.mongo = mongo;
  }

  /** Inserts {@code account}; fails with {@link UserNameTakenException} if the name exists. */
  Mono<Account> insert(Account account) {
    return mongo
        .insert(account, Account.COLLECTION)
        .onErrorMap(DuplicateKeyException.class, e -> new UserNameTakenException());
  }

  /** The account of {@code userName} in any case, or empty. */
  Mono<Account> find(String userName) {
    return mongo.findById(UserIds.canonical(userName), Account.class, Account.COLLECTION);
  }

  /** Thrown when a user name is already registered (in any case). */
  static final class UserNameTakenException extends RuntimeException {
    UserNameTakenException() {
      super("user name taken", null, false, false);
    }
  }
}
