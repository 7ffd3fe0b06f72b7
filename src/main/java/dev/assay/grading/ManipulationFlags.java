package dev.assay.grading;

import java.util.List;
import java.util.Set;

/** The grade flags that mean "suspected attempt to influence the grader" (docs/manipulation.md). */
public final class ManipulationFlags {
  public static final Set<String> ALL =
      Set.of(
          Screening.SUSPECTED_INJECTION,
          Screening.KEYWORD_STUFFING,
          ManipulationPolicy.SCORE_CAPPED,
          ManipulationPolicy.DIVERGENCE,
          ManipulationPolicy.MODEL_REPORTED);

  private ManipulationFlags() {}

  /** Whether any of {@code flags} is a manipulation flag. */
  public static boolean any(List<String> flags) {
    return flags.stream().anyMatch(ALL::contains);
  }
}
