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

  /** Every flag a grade can carry; the grade log's {@code flag} filter accepts only these. */
  static final Set<String> KNOWN = known();

  private ManipulationFlags() {}

  private static Set<String> known() {
    Set<String> out = new java.util.TreeSet<>(ALL);
    out.addAll(
        List.of(
            Screening.TOO_SHORT,
            Screening.OFF_TOPIC,
            Screening.COPIES_QUESTION,
            Screening.NEAR_COPY_OF_EXEMPLAR,
            Screening.NEAR_DUPLICATE_ANSWER,
            "llm-repaired",
            "sample-disagreement",
            "reused-grade",
            "llm-invalid-output",
            "llm-not-configured"));
    for (dev.assay.llm.LlmFailure.Kind kind : dev.assay.llm.LlmFailure.Kind.values()) {
      out.add(kind.flag);
    }
    return java.util.Collections.unmodifiableSet(out);
  }

  /** Whether any of {@code flags} is a manipulation flag. */
  public static boolean any(List<String> flags) {
    return flags.stream().anyMatch(ALL::contains);
  }
}
