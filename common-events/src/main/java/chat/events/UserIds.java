package chat.events;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * User ids are account user names: 3..32 characters of letters, digits, {@code _}, {@code -} and
 * {@code .}, unique without regard to case.
 */
public final class UserIds {

  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.-]{3,32}");

  private UserIds() {}

  /** Whether {@code candidate} is a well-formed user id. */
  public static boolean isValid(String candidate) {
    return candidate != null && VALID.matcher(candidate).matches();
  }

  /** The form under which uniqueness is enforced. */
  public static String canonical(String userId) {
    return userId.toLowerCase(Locale.ROOT);
  }
}
