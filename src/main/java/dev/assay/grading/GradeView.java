package dev.assay.grading;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A logged grade as returned by the API, with its full provenance. {@code stale}: the question has
 * a newer rubric version than the one this grade was made under.
 */
public record GradeView(
    UUID id,
    String questionId,
    int rubricVersion,
    String candidateRef,
    List<String> tags,
    String mode,
    Overall overall,
    double confidence,
    List<String> flags,
    List<Verdict.CriterionGrade> criteria,
    String rationale,
    Map<String, Object> provenance,
    UUID reusedFrom,
    String answer,
    OffsetDateTime createdAt,
    boolean stale) {

  /** The rubric's weighted combination on its scale and as a percentage. */
  public record Overall(double score, double maxScore, double percent) {}
}
