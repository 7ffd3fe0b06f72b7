package dev.assay.fairness;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Fairness report settings. */
@ConfigMapping(prefix = "assay.fairness")
interface FairnessConfig {
  /**
   * The smallest group whose figures are shown; smaller groups are suppressed (their figures are
   * noise and could single people out). A request may ask for a larger minimum, never a smaller.
   */
  @WithDefault("10")
  int minGroupSize();

  /** The default pass mark, a share of the scale: scores at or above it count as selected. */
  @WithDefault("0.5")
  double passMark();

  /** How far back the report looks by default. */
  @WithDefault("365")
  int defaultDays();
}
