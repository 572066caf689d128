package chat.logging.analytics;

import chat.logging.web.ApiException;
import chat.logging.web.Params;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A half-open time window {@code [from, to)}. Without parameters it is the last 24 hours; with only
 * one bound, the other is 24 hours away from it.
 */
record TimeRange(Instant from, Instant to) {

  static final Duration DEFAULT_SPAN = Duration.ofHours(24);

  static TimeRange parse(String from, String to, Clock clock) {
    Instant start = Params.instant("from", from);
    Instant end = Params.instant("to", to);
    if (end == null) {
      end = start == null ? clock.instant() : start.plus(DEFAULT_SPAN);
    }
    if (start == null) {
      start = end.minus(DEFAULT_SPAN);
    }
    if (start.isAfter(end)) {
      throw ApiException.badRequest("from must not be after to");
    }
    return new TimeRange(start, end);
  }

  Duration span() {
    return Duration.between(from, to);
  }
}
