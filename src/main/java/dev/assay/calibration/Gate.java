package dev.assay.calibration;

import dev.assay.evaluation.EvalCompare;
import dev.assay.evaluation.EvalReport;
import dev.assay.metrics.Agreement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The promotion rule. On the same gate answers, the candidate may not be worse than the active
 * configuration by more than a margin on any checked metric (by default QWK, which must not drop,
 * and the standardised mean difference, whose distance from zero must not grow). Point estimates
 * decide; the paired bootstrap interval of each change is reported alongside, so a reviewer can see
 * when a pass or a refusal is within the noise.
 */
final class Gate {
  private Gate() {}

  /**
   * One metric on both runs: the change (candidate - active), its paired 95% interval (null when
   * the runs are not paired), the margin and whether the candidate passed.
   */
  record Check(
      double active,
      double candidate,
      double change,
      Agreement.Interval changeCi,
      double margin,
      boolean passed) {}

  record Decision(
      boolean promote, List<String> reasons, int gradedRows, Map<String, Check> checks) {
    Decision refusedBecause(String reason) {
      List<String> all = new ArrayList<>(reasons);
      all.add(reason);
      return new Decision(false, all, gradedRows, checks);
    }
  }

  static Decision decide(EvalReport active, EvalReport candidate, GateConfig config) {
    List<String> reasons = new ArrayList<>();
    if (candidate.gradedRows() < config.minRows()) {
      reasons.add(
          String.format(
              "only %d gate answers were graded; at least %d are needed",
              candidate.gradedRows(), config.minRows()));
    }
    Map<String, Check> checks = new LinkedHashMap<>();
    for (GateMetric m : config.metrics()) {
      double a = m.value.applyAsDouble(active.grader());
      double c = m.value.applyAsDouble(candidate.grader());
      double margin = m.margin(config);
      String problem = problem(m, a, c, margin);
      if (problem != null) {
        reasons.add(problem);
      }
      checks.put(
          m.wire(),
          new Check(
              a,
              c,
              c - a,
              EvalCompare.pairedChange(active, candidate, m.wire()),
              margin,
              problem == null));
    }
    return new Decision(reasons.isEmpty(), reasons, candidate.gradedRows(), checks);
  }

  /** Why the candidate fails this metric, or null when it passes. */
  private static String problem(GateMetric m, double active, double candidate, double margin) {
    String name = m.wire().toUpperCase(Locale.ROOT);
    if (Double.isNaN(candidate)) {
      return "the candidate's " + name + " is undefined on the gate set";
    }
    if (Double.isNaN(active)) {
      return null; // nothing to be worse than
    }
    return switch (m.direction) {
      case HIGHER_IS_BETTER ->
          candidate < active - margin
              ? String.format(
                  Locale.ROOT,
                  "%s %.3f is %.3f below the active configuration's %.3f (margin %.3f)",
                  name,
                  candidate,
                  active - candidate,
                  active,
                  margin)
              : null;
      case LOWER_IS_BETTER ->
          candidate > active + margin
              ? String.format(
                  Locale.ROOT,
                  "%s %.3f is %.3f above the active configuration's %.3f (margin %.3f)",
                  name,
                  candidate,
                  candidate - active,
                  active,
                  margin)
              : null;
      case CLOSER_TO_ZERO_IS_BETTER ->
          Math.abs(candidate) > Math.abs(active) + margin
              ? String.format(
                  Locale.ROOT,
                  "|%s| %.3f exceeds the active configuration's %.3f by more than %.3f",
                  name,
                  Math.abs(candidate),
                  Math.abs(active),
                  margin)
              : null;
    };
  }
}
