package chat.messaging.room;

import chat.events.UserIds;
import chat.messaging.MessagingProperties;
import chat.messaging.metrics.CallTimer;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Looks users up in the account collection ({@code accounts}, {@code _id} = canonical user name,
 * {@code userId} as registered), read-only. The registry in Redis is not used for this: it only
 * knows users who have connected at least once.
 */
@Component
class AccountUserDirectory implements UserDirectory {

  private static final String ACCOUNTS = "accounts";

  private final Mono<MongoCollection<Document>> accounts;
  private final CallTimer timer;
  private final Duration timeout;

  AccountUserDirectory(
      ReactiveMongoTemplate mongo, MessagingProperties properties, MeterRegistry registry) {
    this.accounts = mongo.getCollection(ACCOUNTS).cache();
    this.timer = new CallTimer(registry, "chat.mongo.latency", "MongoDB call latency");
    this.timeout = properties.mongoTimeout();
  }

  @Override
  public Mono<String> find(String candidate) {
    if (!UserIds.isValid(candidate)) {
      return Mono.empty();
    }
    return timer.time(
        "find_account",
        accounts
            .flatMap(
                c ->
                    Mono.from(
                        c.find(Filters.eq("_id", UserIds.canonical(candidate)))
                            .projection(Projections.include("userId"))
                            .first()))
            .mapNotNull(d -> d.getString("userId"))
            .timeout(timeout));
  }
}
