package dev.assay.evaluation;

import dev.assay.metrics.Agreement;
import dev.assay.scoring.ScoringModel;
import dev.assay.scoring.ScoringModels;
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
    String finishedAt,
    Scoring scoring) {

  /**
   * The learned scorer a run used (null fields for the LLM or kNN grader), how many rows were left
   * out because the shipped model trained on them, and whether confidence means something: the mean
   * absolute error of the grades in the lower half of confidence against the upper half.
   */
  public record Scoring(
      String model,
      String modelHash,
      String kind,
      ScoringModel.Training training,
      int leftOutSeenByPrior,
      int flooredAsContentFree,
      int flooredButScoredByPeople,
      double lowerConfidenceMae,
      double upperConfidenceMae,
      double medianConfidence) {

    static Scoring of(
        ScoringModels.Resolved model,
        int seenByPrior,
        int[] floored,
        double[] confidence,
        double[] predicted,
        double[] human) {
      Integer[] order = new Integer[confidence.length];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      java.util.Arrays.sort(order, java.util.Comparator.comparingDouble(i -> confidence[i]));
      int half = order.length / 2;
      double lower = 0;
      double upper = 0;
      for (int r = 0; r < order.length; r++) {
        double error = Math.abs(predicted[order[r]] - human[order[r]]);
        if (r < half) {
          lower += error;
        } else {
          upper += error;
        }
      }
      return new Scoring(
          model == null ? null : model.ref(),
          model == null ? null : model.hash(),
          model == null ? null : model.model().kind(),
          model == null ? null : model.model().training(),
          seenByPrior,
          floored[0],
          floored[1],
          half == 0 ? Double.NaN : lower / half,
          order.length - half == 0 ? Double.NaN : upper / (order.length - half),
          order.length == 0 ? Double.NaN : confidence[order[half]]);
    }
  }

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
            "questions %d, seed rows %d, graded %d (%d rows left out: not in the bank, an exemplar,"
                + " or a word-for-word copy of a seed), modes %s, median %d ms per grade, %.0f s%n",
            questions, seedRows, gradedRows, excludedRows, modes, medianGradeMs, durationSeconds));
    sb.append(
        String.format(
            "%-36s %18s %8s %8s %18s %8s%n",
            "scorer", "QWK [95% CI]", "Pearson", "Spearman", "RMSE [95% CI]", "SMD"));
    row(sb, "Assay grader", grader);
    ablations.forEach((name, a) -> row(sb, "ablation, " + name, a.summary()));
    baselines.forEach((name, s) -> row(sb, name, s));
    if (humanHuman != null) {
      row(sb, "human-human (grader 1 vs grader 2)", humanHuman);
    }
    if (scoring != null) {
      sb.append(
          String.format(
              "confidence: MAE %.3f in the lower half, %.3f in the upper half (median confidence"
                  + " %.2f)%s%n",
              scoring.lowerConfidenceMae(),
              scoring.upperConfidenceMae(),
              scoring.medianConfidence(),
              scoring.model() == null
                  ? ""
                  : String.format(
                      "; scoring model %s (%s, %d training rows, lambda %s)",
                      scoring.model(),
                      scoring.kind(),
                      scoring.training().rows(),
                      scoring.training().lambda())));
      sb.append(
          String.format(
              "content floor: %d answers floored as content-free, %d of them scored above 0 by"
                  + " people%n",
              scoring.flooredAsContentFree(), scoring.flooredButScoredByPeople()));
      if (scoring.leftOutSeenByPrior() > 0) {
        sb.append(
            String.format(
                "%d rows left out: the shipped scoring model was trained on them%n",
                scoring.leftOutSeenByPrior()));
      }
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
