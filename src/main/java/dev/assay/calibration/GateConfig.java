package dev.assay.calibration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;

/** The promotion gate: which metrics it checks and how much worse a candidate may be on each. */
@ConfigMapping(prefix = "assay.gate")
interface GateConfig {
  /**
   * The metrics checked, of {@code qwk}, {@code smd}, {@code pearson}, {@code rmse}; another name
   * stops the service at start-up.
   */
  @WithDefault("qwk,smd")
  List<GateMetric> metrics();

  /** The candidate's QWK may be at most this much below the active configuration's. */
  @WithDefault("0.02")
  double qwkMargin();

  /** The candidate's |SMD| may be at most this much above the active configuration's. */
  @WithDefault("0.10")
  double smdMargin();

  /** The candidate's Pearson r may be at most this much below the active configuration's. */
  @WithDefault("0.02")
  double pearsonMargin();

  /** The candidate's RMSE (shares of the maximum) may be at most this much above. */
  @WithDefault("0.01")
  double rmseMargin();

  /** Fewer graded gate rows than this and no decision is made (the figures would be noise). */
  @WithDefault("20")
  int minRows();
}
