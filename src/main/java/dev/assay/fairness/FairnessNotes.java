package dev.assay.fairness;

import java.util.List;
import java.util.Locale;

/** The plain-word notes that travel with the figures, so nobody reads them without the caveats. */
final class FairnessNotes {
  private FairnessNotes() {}

  static List<String> report(int minGroupSize, double passMark) {
    return List.of(
        "Groups with fewer than "
            + minGroupSize
            + " candidates (overall) or answers (per question) are suppressed: no count and no"
            + " figures.",
        "Candidates who did not report the attribute form the group (not reported): shown, never"
            + " the reference group and never in an impact ratio.",
        String.format(
            Locale.ROOT,
            "Selection rate: share at or above the pass mark (%.2f of the scale). Impact ratio: a"
                + " group's rate over the highest rate of any shown group; under 0.8 fails the"
                + " four-fifths rule of thumb.",
            passMark),
        "SMD: the group's mean minus the reference group's, over the pooled standard deviation,"
            + " with the Hedges-Olkin 95% interval.",
        "Overall figures have one score per candidate (the mean of their answers) and count the"
            + " override rate and human agreement over their answers; per-question figures have"
            + " one answer per candidate (the newest).",
        "A score gap between groups is not by itself evidence that the grader is biased: groups"
            + " can differ in the answers they gave. humanAgreement shows whether the grader"
            + " scores a group's answers differently from how reviewers score the same answers;"
            + " bin/assay probe measures the grader's sensitivity to names, spelling and phrasing"
            + " (docs/fairness.md).");
  }

  static List<String> audit() {
    return List.of(
        "Unit: candidates; a candidate's score is the mean of their newest answer to each question"
            + " in the window.",
        "Scoring rate: share of a category's candidates scoring above the median score of all"
            + " candidates. Selection rate: share at or above the pass mark.",
        "Impact ratio: a category's rate over the highest rate of any category in the same table"
            + " that is not left out.",
        "Categories with fewer candidates than the minimum group size, or under 2% of all"
            + " candidates, are counted but left out of the ratios. Candidates who did not report"
            + " an attribute are counted per table (not reported) and left out of its ratios.",
        "The data are this workspace's own grades in the window: an independent auditor must"
            + " still review them before a published audit.");
  }
}
