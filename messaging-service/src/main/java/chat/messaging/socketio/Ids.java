package chat.messaging.socketio;

import java.security.SecureRandom;
import java.util.Base64;

/** Random ids as Socket.IO makes them: 120 bits, 20 base64url characters. */
final class Ids {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private Ids() {}

  static String random() {
    byte[] bytes = new byte[15];
    RANDOM.nextBytes(bytes);
    return ENCODER.encodeToString(bytes);
  }
}
