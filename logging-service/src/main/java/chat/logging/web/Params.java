package chat.logging.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Parsing of query parameters into values, with 400 messages that say what to send instead. */
public final class Params {

  private Params() {}

  /**
   * An integer in {@code [min, max]}, or {@code fallback} when absent.
   *
   * @throws ApiException 400 when not an integer or out of range
   */
  public static int integer(String name, String value, int fallback, int min, int max) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    int parsed;
    try {
      parsed = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(name + " must be an integer");
    }
    if (parsed < min || parsed > max) {
      throw ApiException.badRequest(name + " must be between " + min + " and " + max);
    }
    return parsed;
  }

  /**
   * An instant given as ISO-8601 ({@code 2026-11-28T10:15:30Z}, with or without fractions, with any
   * offset), or as a date ({@code 2026-11-28}, meaning its start in UTC); {@code null} when absent.
   *
   * @throws ApiException 400 when neither
   */
  public static Instant instant(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String text = value.trim();
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException notDateTime) {
      try {
        return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException notDate) {
        throw ApiException.badRequest(
            name + " must be an ISO-8601 date-time such as 2026-11-28T10:15:30Z, or a date");
      }
    }
  }

  /**
   * Optional text of at most {@code maxLength} characters, trimmed; {@code null} when blank.
   *
   * @throws ApiException 400 when longer
   */
  public static String text(String name, String value, int maxLength) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String text = value.trim();
    if (text.length() > maxLength) {
      throw ApiException.badRequest(name + " must be at most " + maxLength + " characters");
    }
    return text;
  }
}
