package chat.messaging.auth;

import chat.events.UserIds;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token and password settings, bound from {@code JWT_SECRET}, {@code ADMIN_USERS} and defaults.
 *
 * @param jwtSecret the HS256 secret shared by every service (at least 32 bytes)
 * @param adminUsers user names that get the {@code admin} role, compared without regard to case
 * @param tokenTtl how long an issued token stays valid
 * @param bcryptStrength BCrypt cost factor (log2 rounds, 4..31); 10 costs ~50-100 ms per hash on
 *     one core. Tests lower it to keep suites fast
 * @param hashThreads threads that may hash passwords at once (never the event loop); 0 means one
 *     per available processor
 * @param hashQueue hashing tasks that may wait for a thread; beyond that register/login answer 429
 *     at once instead of queueing unbounded CPU work
 */
@ConfigurationProperties("chat.auth")
public record AuthProperties(
    String jwtSecret,
    Set<String> adminUsers,
    @DefaultValue("12h") Duration tokenTtl,
    @DefaultValue("10") int bcryptStrength,
    @DefaultValue("0") int hashThreads,
    @DefaultValue("256") int hashQueue) {

  public AuthProperties {
    adminUsers =
        adminUsers == null
            ? Set.of()
            : adminUsers.stream()
                .map(String::trim)
                .filter(name -> !name.isEmpty())
                .map(UserIds::canonical)
                .collect(Collectors.toUnmodifiableSet());
    if (bcryptStrength < 4 || bcryptStrength > 31) {
      throw new IllegalArgumentException("chat.auth.bcrypt-strength must be within 4..31");
    }
    if (hashThreads < 0 || hashQueue < 1) {
      throw new IllegalArgumentException("chat.auth.hash-threads >= 0 and hash-queue >= 1");
    }
  }

  /** Whether {@code userId} is listed in {@code ADMIN_USERS}, without regard to case. */
  public boolean isAdmin(String userId) {
    return adminUsers.contains(UserIds.canonical(userId));
  }

  /** The number of hashing threads to use. */
  public int effectiveHashThreads() {
    return hashThreads > 0 ? hashThreads : Runtime.getRuntime().availableProcessors();
  }
}
