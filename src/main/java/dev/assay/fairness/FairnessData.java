package dev.assay.fairness;

import dev.assay.grading.GradeQuery;
import dev.assay.grading.GradeView;
import dev.assay.grading.GradingService;
import dev.assay.review.ReviewOutcomes;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The grades a fairness report looks at: in the window, with a candidate, the newest grade per
 * candidate and question, each with its automated and effective scores and the human score where a
 * reviewer looked (shares of the scale).
 */
@ApplicationScoped
class FairnessData {
  private static final int PAGE = 200;

  private final GradingService grading;
  private final ReviewOutcomes outcomes;

  FairnessData(GradingService grading, ReviewOutcomes outcomes) {
    this.grading = grading;
    this.outcomes = outcomes;
  }

  /** One answer: scores as shares of the scale; {@code human} only where a reviewer looked. */
  record Observation(
      UUID gradeId,
      String candidateRef,
      String questionId,
      double automated,
      double effective,
      boolean overridden,
      Double human) {

    double score(Basis basis) {
      return basis == Basis.AUTOMATED ? automated : effective;
    }
  }

  /** The answers counted and the grades left out (no candidate; an older grade of the same one). */
  record Collected(List<Observation> answers, int withoutCandidate, int superseded) {}

  Collected collect(long workspaceId, String questionId, OffsetDateTime from, OffsetDateTime to) {
    GradeQuery query = new GradeQuery(questionId, null, null, null, from, to, null);
    Map<String, GradeView> newest = new LinkedHashMap<>();
    int withoutCandidate = 0;
    int superseded = 0;
    for (int page = 0; ; page++) {
      List<GradeView> items = grading.list(workspaceId, query, null, page, PAGE).items();
      for (GradeView g : items) {
        if (g.candidateRef() == null || g.candidateRef().isBlank()) {
          withoutCandidate++;
        } else if (newest.putIfAbsent(g.candidateRef() + "\u0000" + g.questionId(), g) != null) {
          superseded++;
        }
      }
      if (items.size() < PAGE) {
        break;
      }
    }
    Map<UUID, ReviewOutcomes.Outcome> reviewed =
        outcomes.of(newest.values().stream().map(GradeView::id).toList());
    List<Observation> answers = new ArrayList<>();
    for (GradeView g : newest.values()) {
      double max = g.overall().maxScore();
      double automated = max == 0 ? 0 : g.overall().score() / max;
      ReviewOutcomes.Outcome o = reviewed.get(g.id());
      boolean overridden = o != null && o.overridden();
      double effective = overridden ? o.overrideScore() / max : automated;
      answers.add(
          new Observation(
              g.id(),
              g.candidateRef(),
              g.questionId(),
              automated,
              effective,
              overridden,
              o == null ? null : effective));
    }
    return new Collected(answers, withoutCandidate, superseded);
  }
}
