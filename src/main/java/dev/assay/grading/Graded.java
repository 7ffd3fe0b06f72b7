package dev.assay.grading;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** A grader's result in the shape the log needs. */
record Graded(
    GradingMode mode,
    Verdict verdict,
    List<String> flags,
    LlmTrace trace,
    List<String> rawOutputs,
    UUID reusedFrom,
    List<String> reported) {
  static Graded of(GradingMode mode, Verdict verdict, List<String> flags) {
    return new Graded(mode, verdict, flags, null, null, null, List.of());
  }

  /** The grade after the manipulation policy: its verdict, flags and any second LLM call. */
  Graded after(ManipulationPolicy.Decision decision) {
    List<String> allFlags = new ArrayList<>(flags);
    allFlags.addAll(decision.flags());
    LlmGrader.Outcome extra = decision.substanceCall();
    if (extra == null) {
      return new Graded(
          mode, decision.verdict(), allFlags, trace, rawOutputs, reusedFrom, reported);
    }
    List<String> raws = new ArrayList<>(rawOutputs == null ? List.of() : rawOutputs);
    raws.addAll(extra.rawOutputs());
    return new Graded(
        mode, decision.verdict(), allFlags, trace.with(extra.trace()), raws, reusedFrom, reported);
  }

  /**
   * With {@code cap} true, every criterion held to at most {@code share} of its scale (so the
   * overall is too), the rationale saying why.
   */
  Graded cappedIf(boolean cap, double share) {
    if (!cap) {
      return this;
    }
    List<Verdict.CriterionGrade> capped =
        verdict.criteria().stream()
            .map(
                g ->
                    new Verdict.CriterionGrade(
                        g.criterion(),
                        Math.min(g.score(), Math.floor(share * g.maxScore() * 10) / 10),
                        g.maxScore(),
                        g.rationale(),
                        g.citations()))
            .toList();
    String why =
        "The answer has no substantive content for this question, so it scores at most "
            + Math.round(share * 100)
            + "% of the scale. "
            + verdict.rationale();
    return new Graded(
        mode,
        new Verdict(capped, why, verdict.confidence()),
        flags,
        trace,
        rawOutputs,
        reusedFrom,
        reported);
  }

  /** A stored grade for the same answer under the same rubric, prompt and model. */
  static Graded reusing(GradeView stored) {
    Verdict verdict =
        new Verdict(
            stored.criteria(),
            stored.rationale(),
            // Grades logged before the grader's own confidence was kept: the logged one.
            Objects.requireNonNullElse(
                stored.provenance().graderConfidence(), stored.confidence()));
    return new Graded(
        stored.mode(), verdict, List.of("reused-grade"), null, null, stored.id(), List.of());
  }

  List<Verdict.CriterionGrade> criteria() {
    return verdict.criteria();
  }

  String rationale() {
    return verdict.rationale();
  }

  double confidence() {
    return verdict.confidence();
  }
}
