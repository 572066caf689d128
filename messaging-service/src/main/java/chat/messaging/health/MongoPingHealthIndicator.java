package chat.messaging.health;

import java.time.Duration;
import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * MongoDB health by the {@code ping} command. Replaces Boot's indicator (same name, {@code mongo},
 * so the readiness group is unchanged), which sends {@code hello}: the MongoDB-wire server of the
 * local stack does not implement {@code hello}, so readiness would never come up there, while
 * {@code ping} is served by it and by every real MongoDB.
 */
@Component("mongoHealthContributor")
class MongoPingHealthIndicator extends AbstractReactiveHealthIndicator {

  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final ReactiveMongoTemplate mongo;

  MongoPingHealthIndicator(ReactiveMongoTemplate mongo) {
    super("MongoDB ping failed");
    this.mongo = mongo;
  }

  @Override
  protected Mono<Health> doHealthCheck(Health.Builder builder) {
    return mongo.executeCommand("{ ping: 1 }").timeout(TIMEOUT).map(reply -> builder.up().build());
  }
}
