package chat.messaging.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

class PasswordHasherTest {

  private final Scheduler scheduler = Schedulers.newBoundedElastic(1, 2, "test-hash");
  private final PasswordHasher hasher = new PasswordHasher(4, scheduler);

  @AfterEach
  void dispose() {
    scheduler.dispose();
  }

  @Test
  void hashesOffTheCallingThreadAndVerifies() {
    StepVerifier.create(
            hasher
                .hash("correct horse")
                .doOnNext(
                    hash -> {
                      assertThat(Thread.currentThread().getName()).startsWith("test-hash");
                      assertThat(hash).startsWith("$2a$04$").doesNotContain("correct horse");
                    })
                .flatMap(hash -> hasher.matches("correct horse", hash)))
        .expectNext(true)
        .expectComplete()
        .verify(Duration.ofSeconds(30));
  }

  @Test
  void unknownUserComparisonIsAlwaysFalse() {
    StepVerifier.create(hasher.matchesNothing("anything"))
        .expectNext(false)
        .expectComplete()
        .verify(Duration.ofSeconds(30));
  }

  @Test
  void fullQueueFailsFastInsteadOfQueueingUnboundedWork() {
    PasswordHasher slow = new PasswordHasher(12, scheduler);

    StepVerifier.create(Flux.range(0, 10).flatMap(i -> slow.hash("password-" + i)).then())
        .expectError(RejectedExecutionException.class)
        .verify(Duration.ofSeconds(60));
  }
}
