package chat.presence;

import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;

/**
 * A reactive pipeline that runs from the application's start to its stop: subscribed by {@link
 * #run()} on start, disposed on stop.
 */
public abstract class BackgroundPipeline implements SmartLifecycle {

  private volatile Disposable running;

  /** Subscribes the pipeline; called once on start. */
  protected abstract Disposable run();

  @Override
  public void start() {
    running = run();
  }

  @Override
  public void stop() {
    Disposable current = running;
    running = null;
    if (current != null) {
      current.dispose();
    }
  }

  @Override
  public boolean isRunning() {
    return running != null;
  }
}
