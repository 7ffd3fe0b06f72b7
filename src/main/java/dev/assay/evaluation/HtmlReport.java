package dev.assay.evaluation;

import dev.assay.metrics.Agreement;
import java.util.Locale;
import java.util.Map;

/**
 * A self-contained HTML page for one evaluation run: the headline table, a predicted-vs-human
 * scatter, the confusion heat-map and per-question agreement bars, all as inline SVG (no scripts,
 * no network).
 */
final class HtmlReport {
  private HtmlReport() {}

  static String render(EvalReport r) {
    StringBuilder h = new StringBuilder();
    h.append(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Assay evaluation: ")
        .append(esc(r.dataset()))
        .append("</title><style>body{font:14px system-ui,sans-serif;margin:2em;max-width:1100px}")
        .append(
            "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}")
        .append(
            "th:first-child,td:first-child{text-align:left}svg{background:#fafafa;margin:1em 1em 0 0}</style></head><body>");
    h.append("<h1>Evaluation of ").append(esc(r.dataset())).append("</h1>");
    h.append("<p>Grader configuration <b>")
        .append(esc(r.config().ref()))
        .append("</b>: ")
        .append(esc(r.config().description()))
        .append(r.runId() == null ? "" : ". Run " + esc(r.runId()))
        .append(".</p>");
    h.append("<p>")
        .append(esc(r.protocol()))
        .append(". Questions ")
        .append(r.questions())
        .append(", seed rows ")
        .append(r.seedRows())
        .append(", graded ")
        .append(r.gradedRows())
        .append(", modes ")
        .append(esc(r.modes().toString()))
        .append(", finished ")
        .append(esc(r.finishedAt()))
        .append(".</p>");
    h.append(
            "<table><tr><th>scorer</th><th>n</th><th>QWK [95% CI]</th><th>Pearson [95% CI]</th><th>Spearman</th>")
        .append(
            "<th>MAE</th><th>RMSE [95% CI]</th><th>exact</th><th>adjacent</th><th>SMD [95% CI]</th></tr>");
    row(h, "Assay grader: " + r.config().ref(), r.grader());
    r.ablations().forEach((name, a) -> row(h, "ablation, " + name, a.summary()));
    r.baselines().forEach((name, s) -> row(h, name, s));
    if (r.humanHuman() != null) {
      row(h, "human-human", r.humanHuman());
    }
    h.append("</table>");
    h.append(
        String.format(
            Locale.ROOT,
            "<p>Length bias: corr(predicted, words) %.3f; corr(human, words) %.3f.</p>",
            r.lengthBias().get("predictedVsWords"),
            r.lengthBias().get("humanVsWords")));
    if (!r.ablations().isEmpty()) {
      h.append("<h2>Exemplar ablation per question (QWK)</h2><table><tr><th>question</th><th>")
          .append(esc(r.config().description()))
          .append("</th>");
      r.ablations().keySet().forEach(name -> h.append("<th>").append(esc(name)).append("</th>"));
      h.append("</tr>");
      r.perQuestion()
          .forEach(
              (q, a) -> {
                h.append("<tr><td>").append(esc(q)).append("</td>").append(cell(a.qwk()));
                r.ablations().values().forEach(x -> h.append(cell(x.perQuestionQwk().get(q))));
                h.append("</tr>");
              });
      h.append("</table>");
    }
    h.append(scatter(r)).append(heatmap(r.grader().confusion())).append(bars(r.perQuestion()));
    h.append(
        "<h2>Per question</h2><table><tr><th>question</th><th>n</th><th>QWK [95% CI]</th>"
            + "<th>Pearson</th><th>MAE</th><th>exact</th><th>SMD</th><th>mean predicted</th>"
            + "<th>mean human</th></tr>");
    r.perQuestion()
        .forEach(
            (q, a) -> {
              Agreement.Summary s = a.agreement();
              h.append(
                  String.format(
                      Locale.ROOT,
                      "<tr><td>%s</td><td>%d</td><td>%.3f [%.2f, %.2f]</td>%s<td>%.3f</td>"
                          + "<td>%.2f</td>%s<td>%.3f</td><td>%.3f</td></tr>",
                      esc(q),
                      a.n(),
                      s.qwk(),
                      s.qwkCi().low(),
                      s.qwkCi().high(),
                      cell(s.pearson()),
                      s.mae(),
                      s.exact(),
                      cell(s.smd()),
                      a.meanPredicted(),
                      a.meanHuman()));
            });
    h.append("</table>");
    return h.append("</body></html>").toString();
  }

  private static String cell(Double value) {
    return value == null || value.isNaN()
        ? "<td>n/a</td>"
        : String.format(Locale.ROOT, "<td>%.3f</td>", value);
  }

  private static void row(StringBuilder h, String name, Agreement.Summary s) {
    h.append(
        String.format(
            Locale.ROOT,
            "<tr><td>%s</td><td>%d</td><td>%.3f [%.2f, %.2f]</td><td>%.3f [%.2f, %.2f]</td><td>%.3f</td><td>%.3f</td>"
                + "<td>%.3f [%.2f, %.2f]</td><td>%.2f</td><td>%.2f</td><td>%.3f [%.2f, %.2f]</td></tr>",
            esc(name),
            s.n(),
            s.qwk(),
            s.qwkCi().low(),
            s.qwkCi().high(),
            s.pearson(),
            s.pearsonCi().low(),
            s.pearsonCi().high(),
            s.spearman(),
            s.mae(),
            s.rmse(),
            s.rmseCi().low(),
            s.rmseCi().high(),
            s.exact(),
            s.adjacent(),
            s.smd(),
            s.smdCi().low(),
            s.smdCi().high()));
  }

  /** Predicted against human score (both 0-1), with the diagonal. */
  private static String scatter(EvalReport r) {
    int size = 320;
    int pad = 30;
    StringBuilder s =
        new StringBuilder(svgOpen(size + 2 * pad, size + 2 * pad, "Predicted vs human"));
    s.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>",
            pad,
            pad + size,
            pad + size,
            pad));
    for (EvalReport.Prediction p : r.predictions()) {
      s.append(
          String.format(
              Locale.ROOT,
              "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"#2463eb\" fill-opacity=\"0.35\"/>",
              pad + p.human() * size,
              pad + (1 - p.predicted()) * size));
    }
    s.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"%d\">human</text><text x=\"4\" y=\"%d\">predicted</text>",
            pad + size / 2 - 20,
            pad + size + 24,
            pad - 10));
    return s.append("</svg>").toString();
  }

  /** Confusion matrix (rows human, columns predicted) shaded by count. */
  private static String heatmap(long[][] confusion) {
    int k = confusion.length;
    int cell = Math.max(24, 300 / Math.max(1, k));
    long max = 1;
    for (long[] row : confusion) {
      for (long v : row) {
        max = Math.max(max, v);
      }
    }
    StringBuilder s =
        new StringBuilder(
            svgOpen(k * cell + 60, k * cell + 60, "Confusion (rows human, columns predicted)"));
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        double a = (double) confusion[i][j] / max;
        s.append(
            String.format(
                Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"rgb(%d,%d,255)\"/>",
                40 + j * cell,
                20 + i * cell,
                cell,
                cell,
                (int) (255 * (1 - a)),
                (int) (255 * (1 - a))));
        s.append(
            String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" font-size=\"11\">%d</text>",
                44 + j * cell,
                36 + i * cell,
                confusion[i][j]));
      }
    }
    return s.append("</svg>").toString();
  }

  /** Quadratic weighted kappa per question, one bar each. */
  private static String bars(Map<String, EvalReport.QuestionAgreement> perQuestion) {
    int bar = 16;
    int width = 520;
    StringBuilder s =
        new StringBuilder(svgOpen(width, perQuestion.size() * bar + 30, "QWK per question"));
    int y = 20;
    for (Map.Entry<String, EvalReport.QuestionAgreement> e : perQuestion.entrySet()) {
      double qwk = Double.isNaN(e.getValue().qwk()) ? 0 : Math.max(0, e.getValue().qwk());
      s.append(
          String.format(
              Locale.ROOT,
              "<text x=\"2\" y=\"%d\" font-size=\"11\">%s (n=%d)</text>",
              y + 11,
              esc(e.getKey()),
              e.getValue().n()));
      s.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"220\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#16a34a\"/>",
              y + 2,
              qwk * 280,
              bar - 4));
      s.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.1f\" y=\"%d\" font-size=\"11\">%.2f</text>",
              224 + qwk * 280,
              y + 11,
              e.getValue().qwk()));
      y += bar;
    }
    return s.append("</svg>").toString();
  }

  private static String svgOpen(int w, int h, String title) {
    return String.format(
        Locale.ROOT,
        "<figure><figcaption>%s</figcaption><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\">",
        esc(title),
        w,
        h);
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
