package dev.assay.grading;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A logged grade as returned by the API, with its full provenance. {@code stale}: the question has
 * a newer rubric version than the one this grade was made under. {@code needsReview}: the grade
 * should not be relied on until a person has looked at it, for the {@code reviewReasons} given in
 * plain words (a suspected manipulation, a flag, a fallback, low confidence).
 */
public record GradeView(
    UUID id,
    String questionId,
    int rubricVersion,
    String candidateRef,
    List<String> tags,
    GradingMode mode,
    Overall overall,
    double confidence,
    List<String> flags,
    List<Verdict.CriterionGrade> criteria,
    String rationale,
    Provenance provenance,
    UUID reusedFrom,
    String answer,
    OffsetDateTime createdAt,
    boolean stale,
    boolean needsReview,
    List<String> reviewReasons) {

  /** The rubric's weighted combination on its scale and as a percentage. */
  public record Overall(double score, double maxScore, double percent) {}

  /** LLM input tokens recorded in the provenance (0 for offline grades). */
  @JsonIgnore
  public long inputTokens() {
    return provenance.inputTokens();
  }

  /** LLM output tokens recorded in the provenance (0 for offline grades). */
  @JsonIgnore
  public long outputTokens() {
    return provenance.outputTokens();
  }
}
