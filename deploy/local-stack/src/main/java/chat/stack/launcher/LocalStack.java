package chat.stack.launcher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Starts the components, each as soon as what it depends on is ready (the infrastructure in
 * parallel, each service when its own infrastructure answers), reports progress, restarts one on
 * request, and stops everything: services first, then the infrastructure.
 */
final class LocalStack {

  private static final Duration REMINDER = Duration.ofSeconds(20);

  private final List<Component> components;
  private final Progress progress;
  private final ExecutorService starters = Executors.newCachedThreadPool(daemon("starter"));
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(daemon("ticker"));
  private final Map<String, Long> starting = new ConcurrentHashMap<>();
  private final Set<String> reportedDead = ConcurrentHashMap.newKeySet();

  LocalStack(List<Component> components, Progress progress) {
    this.components = List.copyOf(components);
    this.progress = progress;
  }

  List<Component> components() {
    return components;
  }

  /** Starts everything; throws the first failure (with the failing component's log tail). */
  void startAll() {
    var reminder =
        ticker.scheduleAtFixedRate(
            this::remindWaiting, REMINDER.toMillis(), REMINDER.toMillis(), TimeUnit.MILLISECONDS);
    Map<String, CompletableFuture<Void>> ready = new HashMap<>();
    for (Component component : components) {
      CompletableFuture<?>[] dependencies =
          component.dependsOn().stream()
              .map(ready::get)
              .filter(Objects::nonNull)
              .toArray(CompletableFuture<?>[]::new);
      ready.put(
          component.name(),
          CompletableFuture.allOf(dependencies).thenRunAsync(() -> startOne(component), starters));
    }
    CompletableFuture<Void> firstFailure = new CompletableFuture<>();
    ready
        .values()
        .forEach(
            future ->
                future.whenComplete(
                    (done, error) -> {
                      if (error != null) {
                        firstFailure.completeExceptionally(error);
                      }
                    }));
    try {
      CompletableFuture.anyOf(
              CompletableFuture.allOf(ready.values().toArray(CompletableFuture<?>[]::new)),
              firstFailure)
          .join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    } finally {
      reminder.cancel(false);
    }
    ticker.scheduleWithFixedDelay(this::reportDeaths, 2, 2, TimeUnit.SECONDS);
  }

  /** Stops one component and starts it again (same port, same data); blocks until ready. */
  Duration restart(String name) {
    Component component =
        find(name).orElseThrow(() -> new IllegalArgumentException("No component named " + name));
    long begin = System.nanoTime();
    starting.put(name, begin);
    progress.say("restarting " + name);
    component.process().stop();
    reportedDead.remove(name);
    startOne(component);
    return Duration.ofNanos(System.nanoTime() - begin);
  }

  /** Services in parallel, then the infrastructure in parallel; each stop is bounded. */
  void stopAll() {
    ticker.shutdownNow();
    stopInParallel(components.stream().filter(Component::isService).toList());
    stopInParallel(components.stream().filter(c -> !c.isService()).toList());
  }

  Optional<Component> find(String name) {
    return components.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  private void startOne(Component component) {
    long begin = System.nanoTime();
    starting.put(component.name(), begin);
    progress.say(
        "starting "
            + component.name()
            + " on :"
            + component.port()
            + "  (log: "
            + component.logFile()
            + ")");
    try {
      component.start();
    } catch (RuntimeException e) {
      throw new IllegalStateException(component.name() + " failed to start: " + e.getMessage(), e);
    } finally {
      starting.remove(component.name());
    }
    progress.say(
        "ready    "
            + component.name()
            + " on :"
            + component.port()
            + " in "
            + Progress.seconds(Duration.ofNanos(System.nanoTime() - begin)));
  }

  private void stopInParallel(List<Component> batch) {
    List<CompletableFuture<Void>> stops = new ArrayList<>();
    for (Component component : batch) {
      if (!component.process().isRunning()) {
        component.process().stop(); // a start still in progress is cut short
        continue;
      }
      stops.add(
          CompletableFuture.runAsync(
              () -> {
                long begin = System.nanoTime();
                component.process().stop();
                progress.say(
                    "stopped  "
                        + component.name()
                        + " in "
                        + Progress.seconds(Duration.ofNanos(System.nanoTime() - begin)));
              },
              starters));
    }
    stops.forEach(CompletableFuture::join);
  }

  private void remindWaiting() {
    long now = System.nanoTime();
    List<String> waiting = new ArrayList<>();
    starting.forEach(
        (name, begin) ->
            waiting.add(name + " (" + Progress.seconds(Duration.ofNanos(now - begin)) + ")"));
    if (!waiting.isEmpty()) {
      progress.say("waiting  for " + String.join(", ", waiting));
    }
  }

  private void reportDeaths() {
    for (Component component : components) {
      if (!component.process().isRunning()
          && !starting.containsKey(component.name())
          && reportedDead.add(component.name())) {
        progress.say(
            "WARNING  "
                + component.name()
                + " has exited; its log: "
                + component.logFile()
                + " (deploy/chat restart "
                + component.name()
                + " brings it back)");
      }
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, "stack-" + name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
