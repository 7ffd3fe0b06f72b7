package dev.assay.review;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Review queue settings. */
@ConfigMapping(prefix = "assay.review")
interface ReviewConfig {
  /** Grades below this confidence need a human. */
  @WithDefault("0.5")
  double lowConfidence();

  /** Share of the other grades sent to review at random, for an unbiased agreement estimate. */
  @WithDefault("0.05")
  double auditRate();

  /** How long a reviewer's claim on a queue item lasts. */
  @WithDefault("15m")
  Duration claimTtl();
}
