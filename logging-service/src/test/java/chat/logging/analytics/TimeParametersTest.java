package chat.logging.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.logging.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimeParametersTest {

  private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

  @Test
  void withoutBoundsTheRangeIsTheLast24Hours() {
    TimeRange range = TimeRange.parse(null, null, clock);

    assertThat(range.to()).isEqualTo(NOW);
    assertThat(range.from()).isEqualTo(NOW.minus(Duration.ofHours(24)));
  }

  @Test
  void oneBoundPutsTheOther24HoursAway() {
    assertThat(TimeRange.parse("2026-11-01", null, clock).to())
        .isEqualTo(Instant.parse("2026-11-02T00:00:00Z"));
    assertThat(TimeRange.parse(null, "2026-11-01T06:00:00+02:00", clock).from())
        .isEqualTo(Instant.parse("2026-10-31T04:00:00Z"));
  }

  @Test
  void badDatesAndReversedRangesAreRefused() {
    assertThatThrownBy(() -> TimeRange.parse("yesterday", null, clock))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("from must be an ISO-8601");
    assertThatThrownBy(() -> TimeRange.parse("2026-11-02", "2026-11-01", clock))
        .hasMessage("from must not be after to");
  }

  @Test
  void explicitIntervalsAreParsedIntoElasticsearchFixedIntervals() {
    TimeRange day = TimeRange.parse("2026-11-01", "2026-11-02", clock);

    assertThat(TimelineInterval.resolve("30s", day).fixedInterval()).isEqualTo("30s");
    assertThat(TimelineInterval.resolve("5m", day).fixedInterval()).isEqualTo("300s");
    assertThat(TimelineInterval.resolve("1d", day).fixedInterval()).isEqualTo("86400s");
  }

  @Test
  void autoPicksARoundIntervalWithAboutAHundredBuckets() {
    assertThat(TimelineInterval.resolve(null, TimeRange.parse("2026-11-01", "2026-11-02", clock)))
        .extracting(TimelineInterval::expression)
        .isEqualTo("15m");
    assertThat(
            TimelineInterval.resolve(
                "auto", TimeRange.parse("2026-11-01T00:00:00Z", "2026-11-01T01:00:00Z", clock)))
        .extracting(TimelineInterval::expression)
        .isEqualTo("1m");
  }

  @Test
  void intervalsThatWouldCreateTooManyBucketsAreRefused() {
    TimeRange year = TimeRange.parse("2025-01-01", "2026-01-01", clock);

    assertThatThrownBy(() -> TimelineInterval.resolve("1m", year))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("would create 525602 buckets (at most 10000)");
    assertThat(TimelineInterval.resolve("1h", year).width()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void malformedIntervalsAreRefused() {
    TimeRange day = TimeRange.parse(null, null, clock);
    for (String bad : new String[] {"0s", "-1m", "5w", "1.5h", "m", "9999999s"}) {
      assertThatThrownBy(() -> TimelineInterval.resolve(bad, day))
          .as(bad)
          .isInstanceOf(ApiException.class);
    }
  }
}
