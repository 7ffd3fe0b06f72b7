package dev.assay.evaluation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One human-graded answer of an eval set (the format of eval-sets/README.md). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EvalRow(
    @JsonProperty("question_id") String questionId,
    @JsonProperty("question") String question,
    @JsonProperty("reference_answer") String referenceAnswer,
    @JsonProperty("answer") String answer,
    @JsonProperty("score") double score,
    @JsonProperty("max_score") double maxScore,
    @JsonProperty("split") String split,
    @JsonProperty("score_grader1") Double scoreGrader1,
    @JsonProperty("score_grader2") Double scoreGrader2) {

  /** What makes the row unusable, or null when it is fine. */
  String problem() {
    if (questionId == null || questionId.isBlank()) {
      return "question_id is missing";
    }
    if (answer == null) {
      return "answer is missing";
    }
    if (question == null || question.isBlank()) {
      return "question is missing";
    }
    if (!(maxScore > 0)) {
      return "max_score must be above 0";
    }
    if (!(score >= 0 && score <= maxScore)) {
      return "score must lie between 0 and max_score";
    }
    if (scoreGrader1 != null && !(scoreGrader1 >= 0 && scoreGrader1 <= maxScore)) {
      return "score_grader1 must lie between 0 and max_score";
    }
    if (scoreGrader2 != null && !(scoreGrader2 >= 0 && scoreGrader2 <= maxScore)) {
      return "score_grader2 must lie between 0 and max_score";
    }
    return null;
  }

  /** The human score as a share of the question's maximum. */
  double normalised() {
    return maxScore <= 0 ? 0 : score / maxScore;
  }
}
