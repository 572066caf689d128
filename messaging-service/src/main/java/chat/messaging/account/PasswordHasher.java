package chat.messaging.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * BCrypt hashing off the event loop. Hashing is deliberately slow (tens of milliseconds of CPU), so
 * it runs on a bounded scheduler: a few threads and a bounded queue. When the queue is full the
 * returned Mono fails at once with {@link java.util.concurrent.RejectedExecutionException} rather
 * than piling up work.
 *
 * <p>BCrypt reads at most 72 bytes of input and Spring Security rejects longer input, while our
 * passwords may be 128 characters (up to 512 bytes of UTF-8). Each password is therefore first
 * reduced to the Base64 of its SHA-256 (44 ASCII characters), then BCrypt-hashed with a random
 * salt; every character of a long password counts.
 */
class PasswordHasher {

  private final BCryptPasswordEncoder encoder;
  private final Scheduler scheduler;
  private final String unknownUserHash;

  PasswordHasher(int strength, Scheduler scheduler) {
    this.encoder = new BCryptPasswordEncoder(strength);
    this.scheduler = scheduler;
    // Compared against for unknown users, so their logins cost the same time as wrong passwords.
    this.unknownUserHash = encoder.encode(preHash("unknown-user-" + System.nanoTime()));
  }

  /** A new salted hash of {@code password}. */
  Mono<String> hash(String password) {
    return Mono.fromCallable(() -> encoder.encode(preHash(password))).subscribeOn(scheduler);
  }

  /** Whether {@code password} matches {@code hash}. */
  Mono<Boolean> matches(String password, String hash) {
    return Mono.fromCallable(() -> encoder.matches(preHash(password), hash)).subscribeOn(scheduler);
  }

  /** As much work as {@link #matches}, always false: the answer for a user that does not exist. */
  Mono<Boolean> matchesNothing(String password) {
    return matches(password, unknownUserHash).map(ignored -> false);
  }

  /** Stops the hashing threads. */
  void close() {
    scheduler.dispose();
  }

  private static String preHash(String password) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
