package dev.assay.review;

import dev.assay.bank.QuestionService;
import dev.assay.exemplar.ExemplarService;
import dev.assay.exemplar.ExemplarSpec;
import dev.assay.exemplar.ExemplarView;
import dev.assay.exemplar.Label;
import dev.assay.grading.GradeFacts;
import dev.assay.grading.GradeView;
import dev.assay.grading.GradingService;
import dev.assay.platform.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Turns a reviewer's override into a pending exemplar of the question (the exemplar store's job).
 */
@ApplicationScoped
class ExemplarPromotion {
  private final GradingService grading;
  private final ReviewRepository repository;
  private final GradeFacts facts;
  private final QuestionService questions;
  private final ExemplarService exemplars;

  ExemplarPromotion(
      GradingService grading,
      ReviewRepository repository,
      GradeFacts facts,
      QuestionService questions,
      ExemplarService exemplars) {
    this.grading = grading;
    this.repository = repository;
    this.facts = facts;
    this.questions = questions;
    this.exemplars = exemplars;
  }

  /**
   * Promotes an overridden answer to a pending exemplar scored with the reviewer's scores; it
   * becomes active only through the evaluation gate. 409 when the grade has no override.
   */
  ExemplarView promote(long workspaceId, UUID gradeId, Label label, String rationale) {
    GradeView grade = grading.get(workspaceId, gradeId, null);
    ReviewEvent override =
        ReviewService.latestOverride(repository.events(gradeId))
            .orElseThrow(
                () ->
                    ApiException.conflict(
                        "no-override", "only an overridden grade can be promoted to an exemplar"));
    double max = grade.overall().maxScore();
    double ratio = max == 0 ? 0 : override.overallScore() / max;
    Label band = label != null ? label : Label.forShare(ratio);
    Map<String, Integer> criterionScores = new LinkedHashMap<>();
    override.criteria().forEach((k, v) -> criterionScores.put(k, (int) Math.round(v)));
    String why =
        rationale != null && !rationale.isBlank()
            ? rationale
            : "reviewer override ("
                + override.reasonCode().wire()
                + ")"
                + (override.reason() == null ? "" : ": " + override.reason());
    ExemplarSpec spec =
        new ExemplarSpec(
            "promoted-" + gradeId.toString().replace("-", "").substring(0, 12),
            band,
            override.overallScore(),
            criterionScores,
            why.length() > 500 ? why.substring(0, 500) : why,
            "review",
            grade.answer());
    long questionId = questions.resolve(workspaceId, grade.questionId()).id();
    return exemplars.createPending(questionId, facts.rubricVersionId(gradeId), spec, gradeId);
  }
}
