package chat.logging.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ParamsTest {

  @Test
  void integersFallBackWhenAbsentAndMustBeInRange() {
    assertThat(Params.integer("size", null, 20, 1, 100)).isEqualTo(20);
    assertThat(Params.integer("size", " 7 ", 20, 1, 100)).isEqualTo(7);
    assertThatThrownBy(() -> Params.integer("size", "101", 20, 1, 100))
        .hasMessage("size must be between 1 and 100");
    assertThatThrownBy(() -> Params.integer("size", "ten", 20, 1, 100))
        .hasMessage("size must be an integer");
  }

  @Test
  void instantsAcceptIsoDateTimesWithAnyOffsetAndPlainDates() {
    assertThat(Params.instant("from", "2026-11-28T10:15:30Z"))
        .isEqualTo(Instant.parse("2026-11-28T10:15:30Z"));
    assertThat(Params.instant("from", "2026-11-28T10:15:30.123+01:00"))
        .isEqualTo(Instant.parse("2026-11-28T09:15:30.123Z"));
    assertThat(Params.instant("from", "2026-11-28"))
        .isEqualTo(Instant.parse("2026-11-28T00:00:00Z"));
    assertThat(Params.instant("from", "")).isNull();
  }

  @Test
  void textIsTrimmedAndBounded() {
    assertThat(Params.text("q", "  hi ", 10)).isEqualTo("hi");
    assertThat(Params.text("q", "   ", 10)).isNull();
    assertThatThrownBy(() -> Params.text("q", "x".repeat(11), 10))
        .hasMessage("q must be at most 10 characters");
  }
}
