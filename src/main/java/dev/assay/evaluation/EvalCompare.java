package dev.assay.evaluation;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.metrics.Agreement;
import dev.assay.metrics.Bootstrap;
import dev.assay.metrics.Metrics;
import dev.assay.metrics.Ratings;
import dev.assay.platform.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.ToDoubleBiFunction;

/**
 * Compares two evaluation reports: the change in each headline metric, and, when both runs graded
 * the same answers in the same order, a paired bootstrap 95% interval of the change.
 */
public final class EvalCompare {
  private static final ObjectMapper JSON = Json.files();

  private EvalCompare() {}

  static String compare(String a, EvalReport ra, String b, EvalReport rb) {
    boolean paired = pairable(ra, rb);
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(Locale.ROOT, "A: %s (%s)%nB: %s (%s)%n", a, ra.protocol(), b, rb.protocol()));
    sb.append(
        paired
            ? "paired: same answers in the same order; intervals are paired bootstrap 95%\n"
            : "not paired: different answers; no interval for the change\n");
    sb.append(
        String.format(
            Locale.ROOT,
            "%-10s %8s %8s %8s %20s%n",
            "metric",
            "A",
            "B",
            "B - A",
            "95% CI of B - A"));
    line(sb, "QWK", ra.grader().qwk(), rb.grader().qwk(), pairedChange(ra, rb, "qwk"));
    line(
        sb,
        "Pearson",
        ra.grader().pearson(),
        rb.grader().pearson(),
        pairedChange(ra, rb, "pearson"));
    line(sb, "RMSE", ra.grader().rmse(), rb.grader().rmse(), pairedChange(ra, rb, "rmse"));
    line(sb, "SMD", ra.grader().smd(), rb.grader().smd(), pairedChange(ra, rb, "smd"));
    return sb.toString();
  }

  /**
   * The paired bootstrap 95% interval of B's QWK, SMD, Pearson r or RMSE minus A's, or null when
   * the two runs did not grade the same answers in the same order.
   */
  public static Agreement.Interval pairedChange(EvalReport a, EvalReport b, String metric) {
    if (!pairable(a, b)) {
      return null;
    }
    double step = a.gridStep();
    return switch (metric) {
      case "qwk" -> delta(a, b, (p, h) -> Ratings.qwkOnGrid(p, h, step));
      case "smd" -> delta(a, b, Agreement::smd);
      case "pearson" -> delta(a, b, Agreement::pearson);
      case "rmse" -> delta(a, b, Agreement::rmse);
      default -> throw new IllegalArgumentException("unknown metric " + metric);
    };
  }

  private static boolean pairable(EvalReport a, EvalReport b) {
    if (a.predictions() == null
        || b.predictions() == null
        || a.predictions().size() != b.predictions().size()
        || a.gridStep() != b.gridStep()) {
      return false;
    }
    for (int i = 0; i < a.predictions().size(); i++) {
      EvalReport.Prediction x = a.predictions().get(i);
      EvalReport.Prediction y = b.predictions().get(i);
      if (x.human() != y.human()
          || !x.questionId().equals(y.questionId())
          || x.words() != y.words()) {
        return false;
      }
    }
    return true;
  }

  /** The bootstrap interval of metric(B) - metric(A) over resampled answers. */
  private static Agreement.Interval delta(
      EvalReport a, EvalReport b, ToDoubleBiFunction<double[], double[]> metric) {
    double[] pa = a.predictions().stream().mapToDouble(EvalReport.Prediction::predicted).toArray();
    double[] pb = b.predictions().stream().mapToDouble(EvalReport.Prediction::predicted).toArray();
    double[] h = a.predictions().stream().mapToDouble(EvalReport.Prediction::human).toArray();
    return Bootstrap.interval(
        h.length,
        idx -> {
          double[] xh = Bootstrap.pick(h, idx);
          return metric.applyAsDouble(Bootstrap.pick(pb, idx), xh)
              - metric.applyAsDouble(Bootstrap.pick(pa, idx), xh);
        },
        Metrics.RESAMPLES,
        Metrics.SEED);
  }

  private static void line(
      StringBuilder sb, String name, double a, double b, Agreement.Interval ci) {
    String interval =
        ci == null ? "n/a" : String.format(Locale.ROOT, "[%.3f, %.3f]", ci.low(), ci.high());
    sb.append(
        String.format(Locale.ROOT, "%-10s %8.3f %8.3f %+8.3f %20s%n", name, a, b, b - a, interval));
  }

  static EvalReport read(Path file) {
    try {
      return JSON.readValue(file.toFile(), EvalReport.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read report " + file, e);
    }
  }
}
