package dev.assay.evaluation;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.platform.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.ToDoubleBiFunction;

/**
 * Compares two evaluation reports: the change in each headline metric, and, when both runs graded
 * the same answers in the same order, a paired bootstrap 95% interval of the change.
 */
public final class EvalCompare {
  private static final ObjectMapper JSON = Json.files();
  private static final int RESAMPLES = 1000;

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
    double step = ra.gridStep();
    line(
        sb,
        "QWK",
        ra.grader().qwk(),
        rb.grader().qwk(),
        paired ? delta(ra, rb, (p, h) -> qwk(p, h, step)) : null);
    line(
        sb,
        "Pearson",
        ra.grader().pearson(),
        rb.grader().pearson(),
        paired ? delta(ra, rb, Agreement::pearson) : null);
    line(
        sb,
        "RMSE",
        ra.grader().rmse(),
        rb.grader().rmse(),
        paired ? delta(ra, rb, Agreement::rmse) : null);
    line(
        sb,
        "SMD",
        ra.grader().smd(),
        rb.grader().smd(),
        paired ? delta(ra, rb, Agreement::smd) : null);
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
    double[] ci =
        switch (metric) {
          case "qwk" -> delta(a, b, (p, h) -> qwk(p, h, step));
          case "smd" -> delta(a, b, Agreement::smd);
          case "pearson" -> delta(a, b, Agreement::pearson);
          case "rmse" -> delta(a, b, Agreement::rmse);
          default -> throw new IllegalArgumentException("unknown metric " + metric);
        };
    return new Agreement.Interval(ci[0], ci[1]);
  }

  private static double qwk(double[] p, double[] h, double step) {
    return Agreement.qwk(
        Agreement.categories(p, 1.0, step),
        Agreement.categories(h, 1.0, step),
        Agreement.categoryCount(1.0, step));
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

  /** Percentile interval of metric(B) - metric(A) over resampled answers. */
  private static double[] delta(
      EvalReport a, EvalReport b, ToDoubleBiFunction<double[], double[]> metric) {
    int n = a.predictions().size();
    double[] pa = a.predictions().stream().mapToDouble(EvalReport.Prediction::predicted).toArray();
    double[] pb = b.predictions().stream().mapToDouble(EvalReport.Prediction::predicted).toArray();
    double[] h = a.predictions().stream().mapToDouble(EvalReport.Prediction::human).toArray();
    SplittableRandom random = new SplittableRandom(7);
    double[] deltas = new double[RESAMPLES];
    int kept = 0;
    for (int r = 0; r < RESAMPLES; r++) {
      double[] xa = new double[n];
      double[] xb = new double[n];
      double[] xh = new double[n];
      for (int i = 0; i < n; i++) {
        int j = random.nextInt(n);
        xa[i] = pa[j];
        xb[i] = pb[j];
        xh[i] = h[j];
      }
      double d = metric.applyAsDouble(xb, xh) - metric.applyAsDouble(xa, xh);
      if (!Double.isNaN(d)) {
        deltas[kept++] = d;
      }
    }
    if (kept == 0) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double[] sorted = Arrays.copyOf(deltas, kept);
    Arrays.sort(sorted);
    return new double[] {
      sorted[(int) Math.floor(0.025 * (kept - 1))], sorted[(int) Math.ceil(0.975 * (kept - 1))]
    };
  }

  private static void line(StringBuilder sb, String name, double a, double b, double[] ci) {
    String interval = ci == null ? "n/a" : String.format(Locale.ROOT, "[%.3f, %.3f]", ci[0], ci[1]);
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
