package chat.messaging.account;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A stored account. The document id is the lower-cased user name, so MongoDB's always-unique {@code
 * _id} index is the case-insensitive uniqueness constraint: two registrations that differ only in
 * case collide on insert, however they interleave across replicas.
 *
 * @param id {@link chat.events.UserIds#canonical} of the user name
 * @param userId the user name as registered (its case is kept); the token subject
 * @param passwordHash BCrypt hash of the pre-hashed password (see {@link PasswordHasher})
 * @param createdAt when the account was registered
 */
@Document(collection = Account.COLLECTION)
record Account(@Id String id, String userId, String passwordHash, Instant createdAt) {

  static final String COLLECTION = "accounts";

  @Override
  public String toString() {
    return "Account[" + userId + "]";
  }
}
