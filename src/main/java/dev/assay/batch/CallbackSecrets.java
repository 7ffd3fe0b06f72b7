package dev.assay.batch;

import dev.assay.platform.Jdbc;
import dev.assay.platform.Signatures;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Each workspace's secret for signing batch callbacks ({@code callback_secret}), made on first use.
 * A callback carries {@code Assay-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">}:
 * the receiver recomputes it with the secret its admin read from the API, and the timestamp lets it
 * refuse an old delivery replayed later. (The service's own token secrets in {@code signing_secret}
 * are never shown to anyone, so they cannot serve here.)
 */
@ApplicationScoped
class CallbackSecrets {
  static final String HEADER = "Assay-Signature";

  private final Jdbc jdbc;

  CallbackSecrets(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** The workspace's secret, made by the first caller (a concurrent second insert is ignored). */
  String secret(long ws) {
    jdbc.update(
        "store a callback secret",
        "INSERT INTO callback_secret (workspace_id, secret) VALUES (?, ?) ON CONFLICT DO NOTHING",
        ws,
        "whsec_" + Signatures.randomToken(32));
    return jdbc.first(
            "read a callback secret",
            "SELECT secret FROM callback_secret WHERE workspace_id = ?",
            r -> r.string("secret"),
            ws)
        .orElseThrow();
  }

  /** Replaces the workspace's secret; callbacks signed from now on use the new one. */
  String rotate(long ws) {
    jdbc.update(
        "rotate a callback secret",
        "INSERT INTO callback_secret (workspace_id, secret) VALUES (?, ?) ON CONFLICT"
            + " (workspace_id) DO UPDATE SET secret = EXCLUDED.secret, created_at = now()",
        ws,
        "whsec_" + Signatures.randomToken(32));
    return secret(ws);
  }

  /** The signature header's value for {@code body} sent at {@code epochSeconds}. */
  String header(long ws, long epochSeconds, String body) {
    return "t=" + epochSeconds + ",v1=" + hmac(secret(ws), epochSeconds + "." + body);
  }

  static String hmac(String secret, String payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
