package dev.assay.calibration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The promotion gate: how much worse than the active configuration a candidate may be. */
@ConfigMapping(prefix = "assay.gate")
interface GateConfig {
  /** The candidate's QWK may be at most this much below the active configuration's. */
  @WithDefault("0.02")
  double qwkMargin();

  /** The candidate's |SMD| may be at most this much above the active configuration's. */
  @WithDefault("0.10")
  double smdMargin();

  /** Fewer graded gate rows than this and no decision is made (the figures would be noise). */
  @WithDefault("20")
  int minRows();
}
