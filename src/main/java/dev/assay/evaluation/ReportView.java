package dev.assay.evaluation;

import dev.assay.metrics.Agreement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the HTML report template (templates/evaluation/report.html) shows: the report's figures
 * already formatted and the figures' geometry already computed, so the template holds only markup.
 * Public because Qute resolves the template's values through public accessors.
 */
public record ReportView(
    EvalReport report,
    String modes,
    List<Row> headline,
    String lengthBiasPredicted,
    String lengthBiasHuman,
    List<String> ablations,
    List<Row> ablationRows,
    List<Point> scatter,
    Heatmap heatmap,
    Bars bars,
    List<Row> perQuestion) {

  /** A table row: its first cell and the formatted figures after it. */
  public record Row(String name, List<String> cells) {}

  /** One answer in the predicted-vs-human scatter. */
  public record Point(String cx, String cy) {}

  /** The confusion heat-map (rows human, columns predicted), shaded by count. */
  public record Heatmap(int width, int height, List<Cell> cells) {}

  /** One heat-map square; {@code shade} is the red and green of an rgb(shade,shade,255) fill. */
  public record Cell(int x, int y, int size, int shade, int textX, int textY, long count) {}

  /** Quadratic weighted kappa per question, one bar each. */
  public record Bars(int height, List<Bar> bars) {}

  /** One question's bar with its label and value. */
  public record Bar(
      String label, int n, int textY, int rectY, String width, String valueX, String value) {}

  static ReportView of(EvalReport r) {
    List<Row> headline = new ArrayList<>();
    headline.add(summaryRow("Assay grader: " + r.config().ref(), r.grader()));
    r.ablations().forEach((name, a) -> headline.add(summaryRow("ablation, " + name, a.summary())));
    r.baselines().forEach((name, s) -> headline.add(summaryRow(name, s)));
    if (r.humanHuman() != null) {
      headline.add(summaryRow("human-human", r.humanHuman()));
    }
    List<Row> ablationRows = new ArrayList<>();
    if (!r.ablations().isEmpty()) {
      r.perQuestion()
          .forEach(
              (q, a) -> {
                List<String> cells = new ArrayList<>();
                cells.add(orNa(a.qwk()));
                r.ablations().values().forEach(x -> cells.add(orNa(x.perQuestionQwk().get(q))));
                ablationRows.add(new Row(q, cells));
              });
    }
    return new ReportView(
        r,
        r.modes().toString(),
        headline,
        f("%.3f", r.lengthBias().get("predictedVsWords")),
        f("%.3f", r.lengthBias().get("humanVsWords")),
        List.copyOf(r.ablations().keySet()),
        ablationRows,
        scatter(r),
        heatmap(r.grader().confusion()),
        bars(r.perQuestion()),
        perQuestion(r.perQuestion()));
  }

  private static Row summaryRow(String name, Agreement.Summary s) {
    return new Row(
        name,
        List.of(
            Integer.toString(s.n()),
            f("%.3f [%.2f, %.2f]", s.qwk(), s.qwkCi().low(), s.qwkCi().high()),
            f("%.3f [%.2f, %.2f]", s.pearson(), s.pearsonCi().low(), s.pearsonCi().high()),
            f("%.3f", s.spearman()),
            f("%.3f", s.mae()),
            f("%.3f [%.2f, %.2f]", s.rmse(), s.rmseCi().low(), s.rmseCi().high()),
            f("%.2f", s.exact()),
            f("%.2f", s.adjacent()),
            f("%.3f [%.2f, %.2f]", s.smd(), s.smdCi().low(), s.smdCi().high())));
  }

  private static List<Row> perQuestion(Map<String, EvalReport.QuestionAgreement> perQuestion) {
    List<Row> rows = new ArrayList<>();
    perQuestion.forEach(
        (q, a) -> {
          Agreement.Summary s = a.agreement();
          rows.add(
              new Row(
                  q,
                  List.of(
                      Integer.toString(a.n()),
                      f("%.3f [%.2f, %.2f]", s.qwk(), s.qwkCi().low(), s.qwkCi().high()),
                      orNa(s.pearson()),
                      f("%.3f", s.mae()),
                      f("%.2f", s.exact()),
                      orNa(s.smd()),
                      f("%.3f", a.meanPredicted()),
                      f("%.3f", a.meanHuman()))));
        });
    return rows;
  }

  /** Scores are shares of the maximum; the plot is 320 px square inside a 30 px margin. */
  private static List<Point> scatter(EvalReport r) {
    int size = 320;
    int pad = 30;
    return r.predictions().stream()
        .map(
            p ->
                new Point(
                    f("%.1f", pad + p.human() * size), f("%.1f", pad + (1 - p.predicted()) * size)))
        .toList();
  }

  private static Heatmap heatmap(long[][] confusion) {
    int k = confusion.length;
    int size = Math.max(24, 300 / Math.max(1, k));
    long max = 1;
    for (long[] row : confusion) {
      for (long v : row) {
        max = Math.max(max, v);
      }
    }
    List<Cell> cells = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        double a = (double) confusion[i][j] / max;
        cells.add(
            new Cell(
                40 + j * size,
                20 + i * size,
                size,
                (int) (255 * (1 - a)),
                44 + j * size,
                36 + i * size,
                confusion[i][j]));
      }
    }
    return new Heatmap(k * size + 60, k * size + 60, cells);
  }

  private static Bars bars(Map<String, EvalReport.QuestionAgreement> perQuestion) {
    int bar = 16;
    List<Bar> bars = new ArrayList<>();
    int y = 20;
    for (Map.Entry<String, EvalReport.QuestionAgreement> e : perQuestion.entrySet()) {
      double qwk = e.getValue().qwk();
      double length = Double.isNaN(qwk) ? 0 : Math.max(0, qwk);
      bars.add(
          new Bar(
              e.getKey(),
              e.getValue().n(),
              y + 11,
              y + 2,
              f("%.1f", length * 280),
              f("%.1f", 224 + length * 280),
              f("%.2f", qwk)));
      y += bar;
    }
    return new Bars(perQuestion.size() * bar + 30, bars);
  }

  private static String orNa(Double value) {
    return value == null || value.isNaN() ? "n/a" : f("%.3f", value);
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
