package chat.stack;

import java.util.function.Supplier;

/** A value computed once, on first use, under its own lock (components start independently). */
final class Lazy<T> implements Supplier<T> {

  private final Supplier<T> factory;
  private volatile T value;

  Lazy(Supplier<T> factory) {
    this.factory = factory;
  }

  @Override
  public T get() {
    T result = value;
    if (result == null) {
      synchronized (this) {
        result = value;
        if (result == null) {
          result = factory.get();
          value = result;
        }
      }
    }
    return result;
  }
}
