package chat.logging.analytics;

import chat.logging.web.ApiException;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bucket width of a timeline: {@code <n><unit>} with unit {@code s}, {@code m}, {@code h} or
 * {@code d} (e.g. {@code 30s}, {@code 5m}, {@code 1h}), or {@code auto} (the default), which picks
 * the smallest round width giving at most {@value #AUTO_TARGET} buckets.
 */
record TimelineInterval(Duration width, String expression) {

  /** More buckets than this are refused: the response and Elasticsearch's work grow with them. */
  static final long MAX_BUCKETS = 10_000;

  static final int AUTO_TARGET = 120;

  private static final Pattern FORMAT = Pattern.compile("([1-9][0-9]{0,5})([smhd])");

  private static final List<String> LADDER =
      List.of(
          "1s", "5s", "10s", "30s", "1m", "5m", "10m", "15m", "30m", "1h", "3h", "6h", "12h", "1d",
          "7d", "30d", "90d", "365d");

  static TimelineInterval resolve(String interval, TimeRange range) {
    TimelineInterval chosen =
        interval == null || interval.isBlank() || interval.trim().equals("auto")
            ? auto(range)
            : parse(interval.trim());
    long buckets = bucketCount(range, chosen.width());
    if (buckets > MAX_BUCKETS) {
      throw ApiException.badRequest(
          "interval "
              + chosen.expression()
              + " would create "
              + buckets
              + " buckets (at most "
              + MAX_BUCKETS
              + "): choose a larger interval or a shorter range");
    }
    return chosen;
  }

  static TimelineInterval parse(String expression) {
    Matcher matcher = FORMAT.matcher(expression);
    if (!matcher.matches()) {
      throw ApiException.badRequest(
          "interval must be auto or a number with a unit s, m, h or d, such as 5m");
    }
    long amount = Long.parseLong(matcher.group(1));
    Duration width =
        switch (matcher.group(2)) {
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          default -> Duration.ofDays(amount);
        };
    return new TimelineInterval(width, expression);
  }

  private static TimelineInterval auto(TimeRange range) {
    TimelineInterval widest = null;
    for (String step : LADDER) {
      widest = parse(step);
      if (bucketCount(range, widest.width()) <= AUTO_TARGET) {
        return widest;
      }
    }
    return widest;
  }

  /** Buckets of {@code width} that {@code range} touches, counting a partial one at each end. */
  static long bucketCount(TimeRange range, Duration width) {
    long spanMillis = Math.max(0, range.span().toMillis());
    return spanMillis / width.toMillis() + 2;
  }

  /** The width in Elasticsearch's {@code fixed_interval} syntax. */
  String fixedInterval() {
    return width.toSeconds() + "s";
  }
}
