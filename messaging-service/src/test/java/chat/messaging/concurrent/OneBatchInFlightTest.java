package chat.messaging.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

class OneBatchInFlightTest {

  private final List<List<Integer>> written = new ArrayList<>();
  private final List<Sinks.Empty<Void>> pending = new ArrayList<>();
  private final OneBatchInFlight<Integer> batches =
      new OneBatchInFlight<>(
          3,
          batch -> {
            Sinks.Empty<Void> done = Sinks.empty();
            written.add(batch);
            pending.add(done);
            return done.asMono();
          });

  @Test
  void anIdleInstanceWritesAtOnceAndWhatArrivesMeanwhileFormsTheNextBatches() {
    batches.add(1);
    assertThat(written).containsExactly(List.of(1));
    for (int i = 2; i <= 6; i++) {
      batches.add(i);
    }
    assertThat(written).hasSize(1);
    assertThat(batches.idle()).isFalse();

    pending.get(0).tryEmitEmpty();
    assertThat(written).containsExactly(List.of(1), List.of(2, 3, 4));
    pending.get(1).tryEmitEmpty();
    assertThat(written).containsExactly(List.of(1), List.of(2, 3, 4), List.of(5, 6));
    pending.get(2).tryEmitEmpty();
    assertThat(batches.idle()).isTrue();
  }

  @Test
  void aFailedOrThrowingWriteDoesNotStopTheNextBatch() {
    OneBatchInFlight<Integer> failing =
        new OneBatchInFlight<>(
            10,
            batch -> {
              written.add(batch);
              if (batch.contains(1)) {
                throw new IllegalStateException("boom");
              }
              return batch.contains(2)
                  ? Mono.error(new IllegalStateException("boom"))
                  : Mono.empty();
            });

    failing.add(1);
    failing.add(2);
    failing.add(3);

    assertThat(written).containsExactly(List.of(1), List.of(2), List.of(3));
    assertThat(failing.idle()).isTrue();
  }
}
