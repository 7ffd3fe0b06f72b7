package dev.assay.interview;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The scorecard interval's assumptions, as shares of the scale (docs/interviews.md says where the
 * defaults come from).
 */
@ConfigMapping(prefix = "assay.interview")
interface InterviewConfig {
  /** How much one candidate's scores vary from question to question within an area. */
  @WithDefault("0.20")
  double questionSd();

  /** The automated grader's error on one answer (its RMSE against people on the shipped sets). */
  @WithDefault("0.25")
  double graderSd();

  /** A reviewer's error on one answer, for grades a person confirmed or overrode. */
  @WithDefault("0.10")
  double reviewerSd();

  /** Most interviews side by side in one comparison. */
  @WithDefault("20")
  int compareMax();
}
