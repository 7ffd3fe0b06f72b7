package dev.assay.evaluation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One human-graded answer of an eval set (the format of eval-sets/README.md). */
@JsonIgnoreProperties(ignoreUnknown = true)
record EvalRow(
    @JsonProperty("question_id") String questionId,
    @JsonProperty("question") String question,
    @JsonProperty("reference_answer") String referenceAnswer,
    @JsonProperty("answer") String answer,
    @JsonProperty("score") double score,
    @JsonProperty("max_score") double maxScore,
    @JsonProperty("split") String split,
    @JsonProperty("score_grader2") Double scoreGrader2) {

  /** The human score as a share of the question's maximum. */
  double normalised() {
    return maxScore <= 0 ? 0 : score / maxScore;
  }
}
