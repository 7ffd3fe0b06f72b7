package dev.assay.interview;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How far a scorecard can be trusted, in a level and plain words. {@code high}: at least 90% of the
 * role's weight covered, an interval no wider than +/-15 points, nothing waiting for review and
 * nothing flagged. {@code low}: no weighted answer, under 60% of the weight covered, an interval
 * wider than +/-25 points, or more than a third of the answers waiting for review. Otherwise {@code
 * medium}.
 */
final class TrustRules {
  static final double HIGH_COVERAGE = 0.9;
  static final double LOW_COVERAGE = 0.6;
  static final double HIGH_HALF_WIDTH = 0.15;
  static final double LOW_HALF_WIDTH = 0.25;

  private TrustRules() {}

  /** What the rules look at; {@code halfWidth} is null when there is no overall score. */
  record Facts(
      int answers,
      double coverage,
      Double halfWidth,
      List<Scorecard.Gap> gaps,
      int flagged,
      int lowConfidence,
      int pending,
      boolean weightsChanged) {}

  static String level(Facts f) {
    if (f.halfWidth() == null
        || f.coverage() < LOW_COVERAGE
        || f.halfWidth() > LOW_HALF_WIDTH
        || f.pending() * 3 > f.answers()) {
      return "low";
    }
    if (f.coverage() >= HIGH_COVERAGE
        && f.halfWidth() <= HIGH_HALF_WIDTH
        && f.pending() == 0
        && f.flagged() == 0) {
      return "high";
    }
    return "medium";
  }

  static List<String> cautions(Facts f) {
    List<String> out = new ArrayList<>();
    if (f.halfWidth() == null) {
      out.add(
          "No answer in an area this role weighs has been graded yet: there is no overall score.");
    }
    if (!f.gaps().isEmpty()) {
      out.add(
          String.format(
              Locale.ROOT,
              "%d of the role's weighted areas have no answer yet (%.0f%% of the role's weight): %s."
                  + " The overall score covers only the other areas.",
              f.gaps().size(),
              100 * (1 - f.coverage()),
              String.join(", ", f.gaps().stream().map(Scorecard.Gap::title).toList())));
    }
    if (f.halfWidth() != null) {
      out.add(
          String.format(
              Locale.ROOT,
              "The overall score is uncertain by about +/-%.0f points (95%%) from %d answer%s;"
                  + " more answers per area narrow it.",
              100 * f.halfWidth(),
              f.answers(),
              f.answers() == 1 ? "" : "s"));
    }
    if (f.pending() > 0) {
      out.add(
          f.pending()
              + " grade"
              + (f.pending() == 1 ? " waits" : "s wait")
              + " for a human review; the automated score counts until a reviewer confirms or"
              + " overrides it.");
    }
    if (f.flagged() > 0) {
      out.add(f.flagged() + " answer" + (f.flagged() == 1 ? " is" : "s are") + " flagged.");
    }
    if (f.lowConfidence() > 0) {
      out.add(
          f.lowConfidence()
              + " grade"
              + (f.lowConfidence() == 1 ? " has" : "s have")
              + " low confidence.");
    }
    if (f.weightsChanged()) {
      out.add(
          "The role profile's weights have changed since this interview was created; the"
              + " scorecard uses the weights it was created with.");
    }
    return out;
  }
}
