package chat.presence.support;

import java.util.UUID;

/** Names unique to one test run, since the infrastructure is shared. */
public final class TestNames {

  private TestNames() {}

  /** A valid user id nobody else uses. */
  public static String user(String hint) {
    return hint + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** A prefix for the topics and consumer groups of one test class. */
  public static String prefix(String hint) {
    return "presence-test-" + hint + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
