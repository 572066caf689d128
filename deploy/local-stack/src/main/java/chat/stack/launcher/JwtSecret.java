package chat.stack.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The stack's JWT signing secret: {@code JWT_SECRET} when set, else 48 random bytes generated on
 * the first start and kept (mode 600) in the data dir, so tokens stay valid across restarts.
 */
final class JwtSecret {

  private JwtSecret() {}

  static String resolve(StackSettings settings, Path file) {
    if (settings.isSet("JWT_SECRET")) {
      return settings.environment().get("JWT_SECRET");
    }
    try {
      if (Files.isRegularFile(file)) {
        return Files.readString(file).trim();
      }
      byte[] random = new byte[48];
      new SecureRandom().nextBytes(random);
      String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
      Files.createDirectories(file.getParent());
      Files.writeString(file, secret + "\n");
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      return secret;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create " + file, e);
    }
  }
}
