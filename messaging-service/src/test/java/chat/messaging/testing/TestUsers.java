package chat.messaging.testing;

import java.time.Duration;
import java.util.UUID;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/** Accounts for integration tests, stored directly (no password: they never sign in). */
public final class TestUsers {

  private static final Duration WAIT = Duration.ofSeconds(60);

  private TestUsers() {}

  /** A registered user named {@code <prefix>_<8 random hex>}; returns the name. */
  public static String create(ReactiveMongoTemplate mongo, String prefix) {
    String name = prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    mongo
        .insert(new Document("_id", name.toLowerCase()).append("userId", name), "accounts")
        .block(WAIT);
    return name;
  }
}
