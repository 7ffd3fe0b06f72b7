package dev.assay.platform;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 signatures over the service's own tokens (web sessions, candidate feedback links).
 * Each purpose has its own 256-bit secret, made on first use and kept in {@code signing_secret}, so
 * a token of one purpose never verifies as another and tokens survive a restart.
 */
@ApplicationScoped
public class Signatures {
  /** What a token is for; each has its own secret. */
  public enum Purpose {
    SESSION,
    FEEDBACK_LINK
  }

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Jdbc jdbc;
  private final Map<Purpose, byte[]> secrets = new ConcurrentHashMap<>();

  Signatures(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** The signature of {@code payload}, URL-safe base64 without padding. */
  public String sign(Purpose purpose, String payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret(purpose), "HmacSHA256"));
      return B64.encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /** Whether {@code signature} is that of {@code payload} (compared in constant time). */
  public boolean valid(Purpose purpose, String payload, String signature) {
    byte[] expected = sign(purpose, payload).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
  }

  /** A random URL-safe token of {@code bytes} random bytes. */
  public static String randomToken(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return B64.encodeToString(b);
  }

  private byte[] secret(Purpose purpose) {
    return secrets.computeIfAbsent(purpose, this::load);
  }

  /** The stored secret; the first instance to ask makes it (a second insert is ignored). */
  private byte[] load(Purpose purpose) {
    byte[] fresh = new byte[32];
    RANDOM.nextBytes(fresh);
    String name = WireNames.of(purpose);
    jdbc.update(
        "store a signing secret",
        "INSERT INTO signing_secret (purpose, secret) VALUES (?, ?) ON CONFLICT DO NOTHING",
        name,
        Base64.getEncoder().encodeToString(fresh));
    return jdbc.first(
            "read a signing secret",
            "SELECT secret FROM signing_secret WHERE purpose = ?",
            row -> Base64.getDecoder().decode(row.string("secret")),
            name)
        .orElseThrow();
  }
}
