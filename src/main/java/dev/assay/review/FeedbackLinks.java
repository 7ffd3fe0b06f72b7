package dev.assay.review;

import dev.assay.platform.Signatures;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Signed, expiring links to one grade's candidate feedback. The token carries the workspace, the
 * grade and the expiry, signed with HMAC-SHA256 under the feedback-link secret ({@link
 * Signatures}); changing any character of it, or using it after the expiry, is refused. The link
 * needs no key, so it opens only the leak-checked feedback of that one grade.
 */
@ApplicationScoped
class FeedbackLinks {
  private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

  private final Signatures signatures;

  FeedbackLinks(Signatures signatures) {
    this.signatures = signatures;
  }

  /** What a valid link opens. */
  record Target(long workspaceId, UUID gradeId, Instant expiresAt) {}

  /** Why a link is refused: altered (or made up) or past its expiry. */
  enum Refusal {
    INVALID,
    EXPIRED
  }

  /** A checked link: its target or why it was refused. */
  record Checked(Optional<Target> target, Refusal refusal) {}

  String token(long workspaceId, UUID gradeId, Instant expiresAt) {
    String payload = "v1|" + workspaceId + "|" + gradeId + "|" + expiresAt.getEpochSecond();
    return ENCODE.encodeToString(payload.getBytes(StandardCharsets.UTF_8))
        + "."
        + signatures.sign(Signatures.Purpose.FEEDBACK_LINK, payload);
  }

  Checked check(String token, Instant now) {
    int dot = token == null ? -1 : token.indexOf('.');
    if (dot <= 0) {
      return refused(Refusal.INVALID);
    }
    String payload;
    try {
      payload = new String(DECODE.decode(token.substring(0, dot)), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return refused(Refusal.INVALID);
    }
    if (!signatures.valid(Signatures.Purpose.FEEDBACK_LINK, payload, token.substring(dot + 1))) {
      return refused(Refusal.INVALID);
    }
    String[] parts = payload.split("\\|");
    if (parts.length != 4 || !parts[0].equals("v1")) {
      return refused(Refusal.INVALID);
    }
    Target target =
        new Target(
            Long.parseLong(parts[1]),
            UUID.fromString(parts[2]),
            Instant.ofEpochSecond(Long.parseLong(parts[3])));
    if (!now.isBefore(target.expiresAt())) {
      return refused(Refusal.EXPIRED);
    }
    return new Checked(Optional.of(target), null);
  }

  private static Checked refused(Refusal why) {
    return new Checked(Optional.empty(), why);
  }
}
