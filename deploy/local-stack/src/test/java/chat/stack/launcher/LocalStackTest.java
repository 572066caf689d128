package chat.stack.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.stack.Restartable;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class LocalStackTest {

  private final List<String> events = new CopyOnWriteArrayList<>();

  @Test
  void startsEachComponentAfterItsDependenciesAndStopsServicesFirst() {
    LocalStack stack =
        new LocalStack(
            List.of(
                component("redis", Set.of(), false),
                component("kafka", Set.of(), false),
                component("messaging-service", Set.of("redis", "kafka"), false)),
            new Progress());

    stack.startAll();
    stack.stopAll();

    assertThat(events.indexOf("start messaging-service"))
        .isGreaterThan(events.indexOf("start redis"))
        .isGreaterThan(events.indexOf("start kafka"));
    assertThat(events.indexOf("stop messaging-service"))
        .isLessThan(events.indexOf("stop redis"))
        .isLessThan(events.indexOf("stop kafka"));
  }

  @Test
  void aFailingComponentFailsTheStartAndItsDependentsNeverStart() {
    LocalStack stack =
        new LocalStack(
            List.of(
                component("kafka", Set.of(), true),
                component("presence-service", Set.of("kafka"), false)),
            new Progress());

    assertThatThrownBy(stack::startAll).hasMessageContaining("kafka failed to start");
    assertThat(events).doesNotContain("start presence-service");
  }

  @Test
  void restartStopsAndStartsOnlyTheNamedComponent() {
    LocalStack stack =
        new LocalStack(
            List.of(
                component("redis", Set.of(), false),
                component("gateway-service", Set.of("redis"), false)),
            new Progress());
    stack.startAll();
    events.clear();

    stack.restart("gateway-service");

    assertThat(events).containsExactly("stop gateway-service", "start gateway-service");
    stack.stopAll();
  }

  private Component component(String name, Set<String> dependsOn, boolean fails) {
    return new Component(
        name, 1, dependsOn, new Fake(name, fails), Path.of(name + ".log"), () -> {}, 0, false);
  }

  /** Records starts and stops; fails its start when told to. */
  private final class Fake implements Restartable {
    private final String name;
    private final boolean fails;
    private volatile boolean running;

    Fake(String name, boolean fails) {
      this.name = name;
      this.fails = fails;
    }

    @Override
    public void start() {
      if (fails) {
        throw new IllegalStateException("broken on purpose");
      }
      events.add("start " + name);
      running = true;
    }

    @Override
    public void stop() {
      if (running) {
        events.add("stop " + name);
      }
      running = false;
    }

    @Override
    public boolean isRunning() {
      return running;
    }

    @Override
    public long pid() {
      return running ? 1 : -1;
    }

    @Override
    public void close() {
      stop();
    }
  }
}
