package dev.assay.evaluation;

import java.util.List;
import java.util.Map;

/** The outcome of one evaluation run, written as JSON next to the run. */
public record EvalReport(
    String runId,
    String dataset,
    String protocol,
    Grader config,
    String workspace,
    int questions,
    int seedRows,
    int gradedRows,
    int excludedRows,
    double gridStep,
    Map<String, Integer> modes,
    Agreement.Summary grader,
    Map<String, Agreement.Summary> baselines,
    Map<String, Ablation> ablations,
    Map<String, QuestionAgreement> perQuestion,
    Agreement.Summary humanHuman,
    Map<String, Double> lengthBias,
    Map<String, Long> llmTokens,
    long totalGradeMs,
    List<Prediction> predictions,
    long medianGradeMs,
    double durationSeconds,
    String finishedAt) {

  /** The grader configuration a run measured. */
  public record Grader(String ref, String description, String specHash) {}

  /**
   * The same configuration with its exemplars shown differently (none, shuffled), graded on the
   * same answers: agreement overall and QWK per question (per rubric).
   */
  public record Ablation(
      String description, Agreement.Summary summary, Map<String, Double> perQuestionQwk) {}

  /** One graded answer: predicted and human scores as shares of the maximum. */
  public record Prediction(String questionId, double predicted, double human, int words) {}

  /**
   * Agreement on one question's graded answers, shares of the maximum score; the intervals are over
   * that question's answers only.
   */
  public record QuestionAgreement(
      int n, double meanPredicted, double meanHuman, Agreement.Summary agreement) {
    @com.fasterxml.jackson.annotation.JsonIgnore
    public double qwk() {
      return agreement.qwk();
    }
  }

  /** A plain-text table of the headline figures. */
  String table() {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            "%s — %s — grader %s (%s)%n", dataset, protocol, config.ref(), config.description()));
    sb.append(
        String.format(
            "questions %d, seed rows %d, graded %d (%d rows left out: not in the bank, or an"
                + " exemplar), modes %s, median %d ms per grade, %.0f s%n",
            questions, seedRows, gradedRows, excludedRows, modes, medianGradeMs, durationSeconds));
    sb.append(
        String.format(
            "%-36s %18s %8s %8s %18s %8s%n",
            "scorer", "QWK [95% CI]", "Pearson", "Spearman", "RMSE [95% CI]", "SMD"));
    row(sb, "Assay grader", grader);
    ablations.forEach((name, a) -> row(sb, "ablation, " + name, a.summary()));
    baselines.forEach((name, s) -> row(sb, name, s));
    if (humanHuman != null) {
      row(sb, "human-human (second grader)", humanHuman);
    }
    sb.append(
        String.format(
            "length bias: corr(predicted, words) %.3f, corr(human, words) %.3f; LLM tokens %s%n",
            lengthBias.get("predictedVsWords"), lengthBias.get("humanVsWords"), llmTokens));
    return sb.toString();
  }

  private static void row(StringBuilder sb, String name, Agreement.Summary s) {
    sb.append(
        String.format(
            "%-36s %6.3f [%.2f,%.2f] %8.3f %8.3f %6.3f [%.2f,%.2f] %8.3f%n",
            name,
            s.qwk(),
            s.qwkCi().low(),
            s.qwkCi().high(),
            s.pearson(),
            s.spearman(),
            s.rmse(),
            s.rmseCi().low(),
            s.rmseCi().high(),
            s.smd()));
  }
}
