package dev.assay.interview;

import dev.assay.grading.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The evidence line of one counted grade: scores, review state and cited quotes. */
final class ScorecardEvidence {
  private ScorecardEvidence() {}

  static Scorecard.Evidence of(Scorecards.Counted c) {
    String review = c.reviewed() ? "reviewed" : c.grade().needsReview() ? "pending" : "not-needed";
    return new Scorecard.Evidence(
        c.grade().id(),
        "/api/v1/grades/" + c.grade().id(),
        c.grade().questionId(),
        c.question().title(),
        Scorecards.percent(c.automatedShare()),
        Scorecards.percent(c.effectiveShare()),
        c.history().effective().source(),
        c.grade().confidence(),
        c.grade().flags(),
        review,
        criteria(c),
        c.grade().createdAt());
  }

  /**
   * Each criterion's effective score (the override's where a reviewer changed it) with the words of
   * the answer the grader cited for it.
   */
  private static List<Scorecard.CriterionEvidence> criteria(Scorecards.Counted c) {
    Map<String, Double> effective = c.history().effective().criteria();
    List<Scorecard.CriterionEvidence> out = new ArrayList<>();
    for (Verdict.CriterionGrade g : c.grade().criteria()) {
      List<String> quotes =
          g.citations() == null
              ? List.of()
              : g.citations().stream()
                  .map(Verdict.Citation::quote)
                  .filter(q -> q != null && !q.isBlank())
                  .distinct()
                  .toList();
      out.add(
          new Scorecard.CriterionEvidence(
              g.criterion(),
              effective.getOrDefault(g.criterion(), g.score()),
              g.maxScore(),
              quotes));
    }
    return out;
  }
}
