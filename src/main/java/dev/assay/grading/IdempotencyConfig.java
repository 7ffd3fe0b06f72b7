package dev.assay.grading;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long Idempotency-Keys are kept and how requests sharing one wait (README, "Idempotency"). */
@ConfigMapping(prefix = "assay.idempotency")
interface IdempotencyConfig {
  /** A key is remembered this long after its first use; afterwards it may be used again. */
  @WithDefault("24H")
  Duration retention();

  /**
   * How long a request waits for another request with the same key to finish before it gets 409
   * {@code idempotency-key-in-flight} (with Retry-After). Longer than a grade's LLM deadline.
   */
  @WithDefault("60S")
  Duration waitFor();

  /**
   * How long the request holding a key may take before another request with the key may take it
   * over (the holder crashed or hung). Longer than {@link #waitFor()}, so a slow grade is waited
   * for rather than run twice.
   */
  @WithDefault("2M")
  Duration lease();
}
