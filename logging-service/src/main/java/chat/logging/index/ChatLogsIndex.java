package chat.logging.index;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * Names of the activity-log index family: readers use the alias ({@code chat-logs}); each event is
 * written to the monthly index of its own timestamp ({@code chat-logs-2026.11}), so a replay of an
 * old event lands in the index that already holds it and overwrites it instead of duplicating it.
 *
 * @param alias the alias every monthly index joins through the index template
 */
public record ChatLogsIndex(String alias) {

  private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,200}");
  private static final DateTimeFormatter MONTH =
      DateTimeFormatter.ofPattern("uuuu.MM").withZone(ZoneOffset.UTC);

  public ChatLogsIndex {
    if (alias == null || !VALID.matcher(alias).matches()) {
      throw new IllegalArgumentException(
          "index name must be lower case letters, digits, '_', '-', '.': " + alias);
    }
  }

  /** The monthly index that holds events of {@code timestamp} (UTC month). */
  public String indexFor(Instant timestamp) {
    return alias + "-" + MONTH.format(timestamp);
  }

  /** The pattern of every monthly index, as in the template. */
  public String pattern() {
    return alias + "-*";
  }

  /** The name of the composable index template. */
  public String templateName() {
    return alias;
  }
}
