package dev.assay.evaluation;

import dev.assay.grading.GraderConfig;
import dev.assay.metrics.Agreement;
import dev.assay.metrics.Metrics;
import dev.assay.metrics.Ratings;
import dev.assay.scoring.ScoringModels;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.ToDoubleFunction;
import java.util.stream.DoubleStream;

/**
 * Turns a run's per-row results into its report: the grader against people and against the two
 * baselines (word-overlap nearest neighbour, majority score) on one grid, per question, the
 * human-human ceiling, length bias, cost and the learned scorer's calibration. Every interval is
 * bootstrapped with the run's seed.
 */
final class EvalReportBuilder {
  private final List<RowResult> rows;
  private final long seed;
  private final double[] human;
  private final double[] predicted;
  private final double step;

  EvalReportBuilder(List<RowResult> rows, long seed) {
    this.rows = rows;
    this.seed = seed;
    this.human = column(RowResult::human);
    this.predicted = column(RowResult::predicted);
    this.step = Metrics.gridStep(human);
  }

  /** What the report says about the run apart from its figures. */
  record Run(
      UUID runId,
      String dataset,
      String protocol,
      GraderConfig config,
      String workspace,
      int questions,
      int seedRows,
      int excludedRows,
      int seenByPrior,
      ScoringModels.Resolved model,
      long startNanos) {}

  /** An ablation's figures: its scores, row for row in the order of the run's results. */
  EvalReport.Ablation ablation(String describe, DoubleStream shares) {
    double[] a = shares.toArray();
    return new EvalReport.Ablation(
        describe, Agreement.summarise(a, human, step, seed), qwkPerQuestion(a));
  }

  EvalReport build(
      Run run,
      Map<String, EvalReport.Ablation> ablations,
      List<EvalRow> baselinePool,
      long[] ablationTokens) {
    long[] latencies = rows.stream().mapToLong(RowResult::latencyMs).sorted().toArray();
    Map<String, Integer> modes = new TreeMap<>();
    rows.forEach(r -> modes.merge(r.mode(), 1, Integer::sum));
    double[] words = column(RowResult::words);
    Map<String, Double> lengthBias = new LinkedHashMap<>();
    lengthBias.put("predictedVsWords", Agreement.pearson(predicted, words));
    lengthBias.put("humanVsWords", Agreement.pearson(human, words));
    long input = ablationTokens[0] + rows.stream().mapToLong(RowResult::inputTokens).sum();
    long output = ablationTokens[1] + rows.stream().mapToLong(RowResult::outputTokens).sum();
    int[] floored = {
      (int) rows.stream().filter(RowResult::floored).count(),
      (int) rows.stream().filter(RowResult::flooredButScored).count()
    };
    GraderConfig config = run.config();
    return new EvalReport(
        run.runId() == null ? null : run.runId().toString(),
        run.dataset(),
        run.protocol(),
        new EvalReport.Grader(config.ref(), config.spec().describe(), config.specHash()),
        run.workspace(),
        run.questions(),
        run.seedRows(),
        rows.size(),
        run.excludedRows(),
        step,
        modes,
        Agreement.summarise(predicted, human, step, seed),
        baselines(baselinePool),
        ablations,
        perQuestion(),
        humanHuman(),
        lengthBias,
        Map.of("input", input, "output", output),
        Arrays.stream(latencies).sum(),
        predictions(),
        latencies.length == 0 ? 0 : latencies[latencies.length / 2],
        (System.nanoTime() - run.startNanos()) / 1_000_000_000.0,
        Instant.now().toString(),
        EvalReport.Scoring.of(
            run.model(),
            run.seenByPrior(),
            floored,
            column(RowResult::confidence),
            predicted,
            human));
  }

  private Map<String, Agreement.Summary> baselines(List<EvalRow> pool) {
    double majority = majority(pool);
    double[] majorityPrediction = new double[human.length];
    Arrays.fill(majorityPrediction, majority);
    Map<String, Agreement.Summary> out = new LinkedHashMap<>();
    out.put(
        "word-overlap nearest neighbour",
        Agreement.summarise(column(RowResult::overlap), human, step, seed));
    out.put(
        "majority score (" + majority + ")",
        Agreement.summarise(majorityPrediction, human, step, seed));
    return out;
  }

  /** One person against another on the rows two people scored; null when none were. */
  private Agreement.Summary humanHuman() {
    List<RowResult> two = rows.stream().filter(r -> r.secondGrader() != null).toList();
    if (two.isEmpty()) {
      return null;
    }
    return Agreement.summarise(
        two.stream().mapToDouble(RowResult::secondGrader).toArray(),
        two.stream().mapToDouble(RowResult::firstGrader).toArray(),
        step,
        seed);
  }

  /** The most frequent seed score on the grid. */
  private double majority(List<EvalRow> seeds) {
    Map<Double, Integer> counts = new HashMap<>();
    for (EvalRow r : seeds) {
      counts.merge(Math.round(r.normalised() / step) * step, 1, Integer::sum);
    }
    return counts.entrySet().stream()
        .max(Map.Entry.comparingByValue())
        .map(Map.Entry::getKey)
        .orElse(0.0);
  }

  /** The indices of each question's rows, in the order questions first appear. */
  private Map<String, List<Integer>> rowsOfQuestions() {
    Map<String, List<Integer>> out = new LinkedHashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      out.computeIfAbsent(rows.get(i).questionId(), k -> new ArrayList<>()).add(i);
    }
    return out;
  }

  /**
   * Every metric per question, with bootstrap intervals over that question's answers (wide where a
   * question has few graded answers, and shown as such).
   */
  private Map<String, EvalReport.QuestionAgreement> perQuestion() {
    Map<String, EvalReport.QuestionAgreement> out = new LinkedHashMap<>();
    rowsOfQuestions()
        .forEach(
            (q, idx) -> {
              double[] qp = pick(predicted, idx);
              double[] qh = pick(human, idx);
              out.put(
                  q,
                  new EvalReport.QuestionAgreement(
                      idx.size(),
                      Agreement.mean(qp),
                      Agreement.mean(qh),
                      Agreement.summarise(qp, qh, step, seed)));
            });
    return out;
  }

  /** QWK per question only (for ablations, compared with the grader's per-question QWK). */
  private Map<String, Double> qwkPerQuestion(double[] scores) {
    Map<String, Double> out = new LinkedHashMap<>();
    rowsOfQuestions()
        .forEach(
            (q, idx) -> out.put(q, Ratings.qwkOnGrid(pick(scores, idx), pick(human, idx), step)));
    return out;
  }

  private List<EvalReport.Prediction> predictions() {
    return rows.stream()
        .map(r -> new EvalReport.Prediction(r.questionId(), r.predicted(), r.human(), r.words()))
        .toList();
  }

  private double[] column(ToDoubleFunction<RowResult> field) {
    return rows.stream().mapToDouble(field).toArray();
  }

  private static double[] pick(double[] values, List<Integer> idx) {
    return idx.stream().mapToDouble(i -> values[i]).toArray();
  }
}
