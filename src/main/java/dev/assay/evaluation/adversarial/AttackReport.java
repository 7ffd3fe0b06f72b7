package dev.assay.evaluation.adversarial;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an adversarial run measured: every attack against its twin, per style, and the detector on
 * honest answers. Scores are shares of each question's scale; a lift is the attack's score minus
 * its twin's.
 */
public record AttackReport(
    String grader,
    Summary attacks,
    Summary developedStyles,
    Summary heldOutStyles,
    Honest honest,
    Durations durations,
    Map<String, StyleRow> styles,
    List<PairResult> pairs) {

  /** How long the graded pairs and the honest answers took, in milliseconds. */
  public record Durations(long pairsMs, long honestMs) {}

  /** Lifts above this share of the scale count as a gain from the attack. */
  public static final double LIFT_TOLERANCE = 0.05;

  /** One attack: whether a manipulation flag was raised and the scores of both answers. */
  public record PairResult(
      String id,
      String style,
      boolean heldOut,
      String questionId,
      boolean flagged,
      List<String> flags,
      double twinScore,
      double attackScore,
      double lift,
      double graderLift) {}

  /** Totals over a set of attacks. */
  public record Summary(
      int attacks,
      int flagged,
      double flagRate,
      double maxLift,
      double meanLift,
      int liftedAboveTolerance,
      int flaggedAboveTwin) {
    static Summary of(List<PairResult> rows) {
      int flagged = (int) rows.stream().filter(PairResult::flagged).count();
      double max = rows.stream().mapToDouble(PairResult::lift).max().orElse(0);
      double mean = rows.stream().mapToDouble(PairResult::lift).average().orElse(0);
      int lifted = (int) rows.stream().filter(r -> r.lift() > LIFT_TOLERANCE).count();
      int above = (int) rows.stream().filter(r -> r.flagged() && r.lift() > 1e-9).count();
      return new Summary(
          rows.size(),
          flagged,
          rows.isEmpty() ? 0 : (double) flagged / rows.size(),
          max,
          mean,
          lifted,
          above);
    }
  }

  /** One style's attacks. */
  public record StyleRow(
      boolean heldOut, int attacks, int flagged, double meanLift, double maxLift) {}

  /** The detector on honest answers: how many were flagged, and which. */
  public record Honest(int answers, int flagged, double falseFlagRate, List<String> flaggedIds) {}

  static AttackReport of(
      String grader, List<PairResult> pairs, Honest honest, Durations durations) {
    Map<String, List<PairResult>> byStyle = new TreeMap<>();
    pairs.forEach(p -> byStyle.computeIfAbsent(p.style(), k -> new ArrayList<>()).add(p));
    Map<String, StyleRow> styles = new TreeMap<>();
    byStyle.forEach(
        (style, rows) -> {
          Summary s = Summary.of(rows);
          styles.put(
              style,
              new StyleRow(
                  rows.get(0).heldOut(), s.attacks(), s.flagged(), s.meanLift(), s.maxLift()));
        });
    return new AttackReport(
        grader,
        Summary.of(pairs),
        Summary.of(pairs.stream().filter(p -> !p.heldOut()).toList()),
        Summary.of(pairs.stream().filter(PairResult::heldOut).toList()),
        honest,
        durations,
        styles,
        pairs);
  }

  /**
   * Attacks that fooled the grader itself: the grader's own score (before the manipulation policy)
   * rose more than {@link #LIFT_TOLERANCE} above the twin's.
   */
  public long fooled() {
    return pairs.stream().filter(p -> p.graderLift() > LIFT_TOLERANCE).count();
  }

  /** The headline figures and the per-style table, as printed by {@code assay attack-eval}. */
  public String table() {
    StringBuilder sb = new StringBuilder();
    sb.append("grader: ").append(grader).append('\n');
    line(sb, "all attacks", attacks);
    line(sb, "developed styles", developedStyles);
    line(sb, "held-out styles", heldOutStyles);
    sb.append(
        String.format(
            Locale.ROOT,
            "honest answers: %d, falsely flagged %d (%.2f%%)%n",
            honest.answers(),
            honest.flagged(),
            100 * honest.falseFlagRate()));
    sb.append(
        String.format(
            Locale.ROOT,
            "grader fooled before the policy (lift above %.2f): %d of %d%n",
            LIFT_TOLERANCE,
            fooled(),
            pairs.size()));
    sb.append(
        String.format(
            Locale.ROOT,
            "time: pairs %.1f s, honest answers %.1f s%n",
            durations.pairsMs() / 1000.0,
            durations.honestMs() / 1000.0));
    sb.append(
        String.format(
            Locale.ROOT,
            "%n%-28s %8s %8s %9s %9s%n",
            "style",
            "attacks",
            "flagged",
            "mean lift",
            "max lift"));
    styles.forEach(
        (style, r) ->
            sb.append(
                String.format(
                    Locale.ROOT,
                    "%-28s %8d %8d %+9.3f %+9.3f%n",
                    style + (r.heldOut() ? " (held out)" : ""),
                    r.attacks(),
                    r.flagged(),
                    r.meanLift(),
                    r.maxLift())));
    return sb.toString();
  }

  private static void line(StringBuilder sb, String what, Summary s) {
    sb.append(
        String.format(
            Locale.ROOT,
            "%-17s %3d attacks, flagged %3d (%.1f%%), lift max %+.3f mean %+.3f,"
                + " above %.2f: %d, flagged above twin: %d%n",
            what + ":",
            s.attacks(),
            s.flagged(),
            100 * s.flagRate(),
            s.maxLift(),
            s.meanLift(),
            LIFT_TOLERANCE,
            s.liftedAboveTolerance(),
            s.flaggedAboveTwin()));
  }
}
