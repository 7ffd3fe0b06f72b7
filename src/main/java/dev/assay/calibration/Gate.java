package dev.assay.calibration;

import dev.assay.evaluation.Agreement;
import dev.assay.evaluation.EvalCompare;
import dev.assay.evaluation.EvalReport;
import java.util.ArrayList;
import java.util.List;

/**
 * The promotion rule: on the same gate answers, the candidate's QWK must not fall more than the QWK
 * margin below the active configuration's, and its absolute standardised mean difference (how far
 * its scores sit above or below the humans' on average) must not grow by more than the SMD margin.
 * Point estimates decide; the paired bootstrap intervals are reported alongside, so a reviewer can
 * see when a pass or a refusal is within the noise.
 */
final class Gate {
  private Gate() {}

  /** One metric on both runs and the paired 95% interval of the change (null when unpaired). */
  record Comparison(double active, double candidate, double change, Agreement.Interval changeCi) {}

  record Decision(
      boolean promote,
      List<String> reasons,
      int gradedRows,
      Comparison qwk,
      Comparison smd,
      double qwkMargin,
      double smdMargin) {}

  static Decision decide(EvalReport active, EvalReport candidate, GateConfig margins) {
    Comparison qwk =
        new Comparison(
            active.grader().qwk(),
            candidate.grader().qwk(),
            candidate.grader().qwk() - active.grader().qwk(),
            EvalCompare.pairedChange(active, candidate, "qwk"));
    Comparison smd =
        new Comparison(
            active.grader().smd(),
            candidate.grader().smd(),
            candidate.grader().smd() - active.grader().smd(),
            EvalCompare.pairedChange(active, candidate, "smd"));
    List<String> reasons = new ArrayList<>();
    if (candidate.gradedRows() < margins.minRows()) {
      reasons.add(
          String.format(
              "only %d gate answers were graded; at least %d are needed",
              candidate.gradedRows(), margins.minRows()));
    }
    if (Double.isNaN(qwk.candidate())) {
      reasons.add("the candidate's QWK is undefined on the gate set");
    } else if (!Double.isNaN(qwk.active())
        && qwk.candidate() < qwk.active() - margins.qwkMargin()) {
      reasons.add(
          String.format(
              "QWK %.3f is %.3f below the active configuration's %.3f (margin %.3f)",
              qwk.candidate(), -qwk.change(), qwk.active(), margins.qwkMargin()));
    }
    if (Double.isNaN(smd.candidate())) {
      reasons.add("the candidate's SMD is undefined on the gate set");
    } else if (!Double.isNaN(smd.active())
        && Math.abs(smd.candidate()) > Math.abs(smd.active()) + margins.smdMargin()) {
      reasons.add(
          String.format(
              "|SMD| %.3f exceeds the active configuration's %.3f by more than %.3f",
              Math.abs(smd.candidate()), Math.abs(smd.active()), margins.smdMargin()));
    }
    return new Decision(
        reasons.isEmpty(),
        reasons,
        candidate.gradedRows(),
        qwk,
        smd,
        margins.qwkMargin(),
        margins.smdMargin());
  }
}
