package dev.assay.grading;

import dev.assay.bank.QuestionService.QuestionRef;
import dev.assay.embedding.Embedding;
import dev.assay.exemplar.ExemplarMatch;
import java.util.List;

/** The evidence every grader works from: the question and rubric, the answer, its neighbours. */
record GradingInput(
    QuestionRef question, String answer, Embedding answerVector, List<ExemplarMatch> exemplars) {

  /** The same input with the grader shown other exemplars (see {@link ExemplarAblation}). */
  GradingInput showing(List<ExemplarMatch> shown) {
    return new GradingInput(question, answer, answerVector, shown);
  }

  double maxExemplarSimilarity() {
    return exemplars.stream().mapToDouble(ExemplarMatch::similarity).max().orElse(0);
  }
}
