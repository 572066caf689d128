package chat.events.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issues and verifies HS256 JSON Web Tokens. Every service verifies tokens itself with this class
 * and the shared {@code JWT_SECRET}; only messaging-service issues them.
 *
 * <p>Verification accepts nothing but {@code alg: HS256} with a valid signature, a non-blank
 * subject and an expiry in the future: {@code alg: none}, other algorithms, other secrets, tampered
 * payloads and expired tokens are rejected.
 */
public final class JwtTokens {

  /** Minimum secret length in bytes for HS256 (the hash output size). */
  public static final int MIN_SECRET_BYTES = 32;

  /**
   * The secret every service falls back to when {@code JWT_SECRET} is unset, so that a local setup
   * works without configuration; {@link #forService} refuses it in production.
   */
  public static final String DEV_SECRET = "dev-only-insecure-jwt-secret-0123456789abcdef";

  private static final String BEARER = "Bearer ";

  private static final String ALGORITHM = "HmacSHA256";
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String HEADER =
      ENCODER.encodeToString(
          "{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

  private final SecretKeySpec key;
  private final Clock clock;

  /**
   * @param secret the shared secret, at least {@link #MIN_SECRET_BYTES} bytes
   * @param clock source of "now" for issuing and expiry checks
   */
  public JwtTokens(byte[] secret, Clock clock) {
    if (secret == null || secret.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException(
          "JWT secret must be at least " + MIN_SECRET_BYTES + " bytes");
    }
    this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
    this.clock = clock;
  }

  /** A token for {@code secret} given as text (UTF-8), as in {@code JWT_SECRET}. */
  public static JwtTokens fromSecret(String secret, Clock clock) {
    return new JwtTokens(
        secret == null ? new byte[0] : secret.getBytes(StandardCharsets.UTF_8), clock);
  }

  /**
   * The tokens of a service configured with {@code secret} (from {@code JWT_SECRET}).
   *
   * @param production whether the service runs in production (the {@code prod} profile), where the
   *     secret must be set explicitly: not blank, not {@link #DEV_SECRET}
   * @throws IllegalStateException if production and the secret is missing or the development one
   * @throws IllegalArgumentException if the secret is shorter than {@link #MIN_SECRET_BYTES}
   */
  public static JwtTokens forService(String secret, boolean production, Clock clock) {
    if (production
        && (secret == null
            || DEV_SECRET.equals(secret)
            || secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES)) {
      throw new IllegalStateException(
          "JWT_SECRET must be set to a secret of at least "
              + MIN_SECRET_BYTES
              + " bytes (not the development default) in the prod profile");
    }
    return fromSecret(secret, clock);
  }

  /**
   * The identity in an {@code Authorization} header value of the form {@code Bearer <jwt>} (scheme
   * case-insensitive).
   *
   * @throws InvalidTokenException if the header is missing, of another scheme, or its token is
   *     invalid
   */
  public AuthenticatedUser verifyAuthorization(String authorizationHeader) {
    if (authorizationHeader == null
        || !authorizationHeader.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      throw new InvalidTokenException("missing bearer token");
    }
    return verify(authorizationHeader.substring(BEARER.length()).trim());
  }

  /** A signed token for {@code userId} with {@code roles}, valid for {@code ttl}. */
  public String issue(String userId, Set<String> roles, Duration ttl) {
    Instant now = clock.instant();
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("sub", userId);
    claims.put("roles", roles);
    claims.put("iat", now.getEpochSecond());
    claims.put("exp", now.plus(ttl).getEpochSecond());
    String signingInput = HEADER + "." + ENCODER.encodeToString(JSON.writeValueAsBytes(claims));
    return signingInput + "." + ENCODER.encodeToString(sign(signingInput));
  }

  /**
   * The identity in {@code token}.
   *
   * @throws InvalidTokenException if the token is malformed, not HS256, badly signed, expired or
   *     has no subject
   */
  public AuthenticatedUser verify(String token) {
    if (token == null || token.isBlank()) {
      throw new InvalidTokenException("missing token");
    }
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      throw new InvalidTokenException("not a JWS compact serialization");
    }
    JsonNode header = decodeJson(parts[0]);
    if (!"HS256".equals(header.path("alg").asString(""))) {
      throw new InvalidTokenException("unsupported alg");
    }
    byte[] expected = sign(parts[0] + "." + parts[1]);
    if (!MessageDigest.isEqual(expected, decode(parts[2]))) {
      throw new InvalidTokenException("bad signature");
    }
    JsonNode claims = decodeJson(parts[1]);
    String subject = claims.path("sub").asString("");
    if (subject.isBlank()) {
      throw new InvalidTokenException("no subject");
    }
    JsonNode exp = claims.path("exp");
    if (!exp.isNumber()) {
      throw new InvalidTokenException("no expiry");
    }
    Instant expiresAt = Instant.ofEpochSecond(exp.asLong());
    if (!clock.instant().isBefore(expiresAt)) {
      throw new InvalidTokenException("expired");
    }
    Set<String> roles = new HashSet<>();
    claims.path("roles").forEach(role -> roles.add(role.asString("")));
    roles.remove("");
    return new AuthenticatedUser(subject, roles, expiresAt);
  }

  private byte[] sign(String signingInput) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  private static byte[] decode(String part) {
    try {
      return DECODER.decode(part);
    } catch (IllegalArgumentException e) {
      throw new InvalidTokenException("not base64url");
    }
  }

  private static JsonNode decodeJson(String part) {
    try {
      JsonNode node = JSON.readTree(decode(part));
      if (!node.isObject()) {
        throw new InvalidTokenException("not a JSON object");
      }
      return node;
    } catch (JacksonException e) {
      throw new InvalidTokenException("not JSON");
    }
  }
}
