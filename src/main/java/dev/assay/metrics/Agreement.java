package dev.assay.metrics;

import java.util.Comparator;
import java.util.function.ToDoubleBiFunction;
import java.util.stream.IntStream;

/**
 * Agreement between automated scores and human scores, as reported in automated-scoring research:
 * quadratic weighted kappa, correlation, error and standardised mean difference, with percentile
 * bootstrap intervals.
 *
 * <p>Contract shared by every method: paired arrays must have the same length n &gt;= 1, scores
 * must be finite and ratings must lie in {@code 0..k-1}; anything else is an {@link
 * IllegalArgumentException}. Statistics that are undefined for the data (a correlation with a
 * constant side, for instance) return {@link Double#NaN} rather than throwing, so that a report can
 * show "undefined" next to the metrics that are defined. Population (divide-by-n) moments
 * throughout.
 */
public final class Agreement {
  private Agreement() {}

  /** A two-sided interval; both ends are NaN when no resample gave a defined statistic. */
  public record Interval(double low, double high) {}

  /**
   * Every metric for one set of paired scores. {@code confusion} is indexed [human][predicted] over
   * the grid categories; it is the caller's own copy.
   */
  public record Summary(
      int n,
      double qwk,
      Interval qwkCi,
      double pearson,
      Interval pearsonCi,
      double spearman,
      double mae,
      double rmse,
      Interval rmseCi,
      double exact,
      double adjacent,
      double smd,
      Interval smdCi,
      long[][] confusion) {}

  /** Pearson's r; NaN when either side has zero variance. */
  public static double pearson(double[] x, double[] y) {
    requirePaired(x, y);
    // Tested on the raw values: the mean of a constant array is not always exactly that constant
    // in floating point, so the deviations would be rounding noise rather than zero.
    if (isConstant(x) || isConstant(y)) {
      return Double.NaN;
    }
    double mx = mean(x);
    double my = mean(y);
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      double dx = x[i] - mx;
      double dy = y[i] - my;
      sxy += dx * dy;
      sxx += dx * dx;
      syy += dy * dy;
    }
    double r = sxy / (Math.sqrt(sxx) * Math.sqrt(syy));
    // Rounding can push a perfect correlation a few ulps past 1.
    return Math.max(-1, Math.min(1, r));
  }

  /** Spearman's rho: Pearson's r of the ranks, tied values sharing their average rank. */
  public static double spearman(double[] x, double[] y) {
    requirePaired(x, y);
    return pearson(ranks(x), ranks(y));
  }

  /** Mean absolute error. */
  public static double mae(double[] predicted, double[] human) {
    requirePaired(predicted, human);
    double sum = 0;
    for (int i = 0; i < predicted.length; i++) {
      sum += Math.abs(predicted[i] - human[i]);
    }
    return sum / predicted.length;
  }

  /** Root mean squared error. */
  public static double rmse(double[] predicted, double[] human) {
    requirePaired(predicted, human);
    double sum = 0;
    for (int i = 0; i < predicted.length; i++) {
      double d = predicted[i] - human[i];
      sum += d * d;
    }
    return Math.sqrt(sum / predicted.length);
  }

  /**
   * Standardised mean difference: (mean(p) - mean(h)) / sqrt((var(p) + var(h)) / 2), population
   * variances; positive when the predictions run higher than the human scores. 0 when both
   * variances are 0 and means equal; NaN if both variances are 0 and means differ.
   */
  public static double smd(double[] predicted, double[] human) {
    requirePaired(predicted, human);
    double difference = mean(predicted) - mean(human);
    double pooled = (variance(predicted) + variance(human)) / 2;
    if (pooled == 0) {
      return difference == 0 ? 0 : Double.NaN;
    }
    return difference / Math.sqrt(pooled);
  }

  /**
   * Scores mapped to integer categories 0..k on a grid: round(score/step), clamped to [0,
   * round(max/step)]. Rounding is half-up ({@link Math#round(double)}), so a score exactly between
   * two grid points goes to the higher one.
   */
  public static int[] categories(double[] scores, double max, double step) {
    requireNonEmpty(scores.length);
    requireFinite(scores);
    int top = categoryCount(max, step) - 1;
    int[] result = new int[scores.length];
    for (int i = 0; i < scores.length; i++) {
      long category = Math.round(scores[i] / step);
      result[i] = (int) Math.max(0, Math.min(top, category));
    }
    return result;
  }

  /** Number of grid categories on a 0..max scale: round(max/step) + 1. */
  public static int categoryCount(double max, double step) {
    if (!(step > 0) || !(max >= 0) || Double.isInfinite(max) || Double.isInfinite(step)) {
      throw new IllegalArgumentException(
          "need a finite max >= 0 and step > 0, got max=" + max + ", step=" + step);
    }
    return Math.toIntExact(Math.round(max / step) + 1);
  }

  /**
   * Quadratic weighted kappa of two ratings over categories 0..k-1 (Cohen 1968): 1 -
   * sum(w*O)/sum(w*E), w_ij = (i-j)^2/(k-1)^2, E from the outer product of the marginals scaled to
   * n. Symmetric in a and b and within [-1, 1]. Returns 1.0 when both raters are constant and
   * identical; NaN when the expected disagreement is 0 otherwise.
   */
  public static double qwk(int[] a, int[] b, int k) {
    long[][] observed = confusion(a, b, k);
    if (isConstant(a) && isConstant(b) && a[0] == b[0]) {
      return 1.0;
    }
    double n = a.length;
    long[] rows = new long[k];
    long[] columns = new long[k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        rows[i] += observed[i][j];
        columns[j] += observed[i][j];
      }
    }
    // The (k-1)^2 normalisation of the weights cancels in the ratio, so it is left out; that also
    // keeps k = 1 free of a division by zero.
    double observedDisagreement = 0;
    double expectedDisagreement = 0;
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        double w = (double) (i - j) * (i - j);
        observedDisagreement += w * observed[i][j];
        expectedDisagreement += w * rows[i] * columns[j] / n;
      }
    }
    if (expectedDisagreement == 0) {
      return Double.NaN;
    }
    return 1 - observedDisagreement / expectedDisagreement;
  }

  /**
   * {@link #qwk} of two sets of shares of the scale (0..1) mapped to the grid of {@code step}; the
   * argument order is kept, as in {@link #qwk}, so a figure is computed the same way everywhere.
   */
  public static double qwkOnGrid(double[] a, double[] b, double step) {
    return qwk(categories(a, 1.0, step), categories(b, 1.0, step), categoryCount(1.0, step));
  }

  /** Share of pairs with identical ratings. */
  public static double exactAgreement(int[] a, int[] b) {
    return shareWithin(a, b, 0);
  }

  /** Share of pairs whose ratings differ by at most one category. */
  public static double adjacentAgreement(int[] a, int[] b) {
    return shareWithin(a, b, 1);
  }

  /** Counts of rating pairs, indexed [human][predicted], over categories 0..k-1. */
  public static long[][] confusion(int[] human, int[] predicted, int k) {
    requirePaired(human.length, predicted.length);
    if (k < 1) {
      throw new IllegalArgumentException("need at least one category, got k=" + k);
    }
    long[][] counts = new long[k][k];
    for (int i = 0; i < human.length; i++) {
      counts[requireCategory(human[i], k)][requireCategory(predicted[i], k)]++;
    }
    return counts;
  }

  /** Arithmetic mean. */
  public static double mean(double[] x) {
    requireNonEmpty(x.length);
    requireFinite(x);
    double sum = 0;
    for (double v : x) {
      sum += v;
    }
    return sum / x.length;
  }

  /**
   * A 95% percentile bootstrap interval of a paired statistic: resample index pairs with
   * replacement {@code resamples} times using {@code new SplittableRandom(seed)}; statistics that
   * come out NaN are skipped (a resample can draw a constant side); returns the 2.5th and 97.5th
   * percentiles (linear interpolation) of the remaining values, or (NaN, NaN) if none. The same
   * seed gives the same interval.
   */
  public static Interval bootstrap(
      double[] predicted,
      double[] human,
      ToDoubleBiFunction<double[], double[]> statistic,
      int resamples,
      long seed) {
    requirePaired(predicted, human);
    return Bootstrap.interval(
        predicted.length,
        idx -> statistic.applyAsDouble(Bootstrap.pick(predicted, idx), Bootstrap.pick(human, idx)),
        resamples,
        seed);
  }

  /**
   * {@link #summarise(double[], double[], double, double, int, long)} of shares of the scale (0..1)
   * with the shared number of resamples.
   */
  public static Summary summarise(double[] predicted, double[] human, double step, long seed) {
    return summarise(predicted, human, 1.0, step, Metrics.RESAMPLES, seed);
  }

  /**
   * Every metric at once for one set of paired scores on a 0..max scale with the given grid step.
   * All intervals use the same seed, hence the same resamples, so they describe the same
   * hypothetical replications of the sample.
   */
  public static Summary summarise(
      double[] predicted, double[] human, double max, double step, int resamples, long seed) {
    requirePaired(predicted, human);
    int k = categoryCount(max, step);
    int[] p = categories(predicted, max, step);
    int[] h = categories(human, max, step);
    return new Summary(
        predicted.length,
        qwk(h, p, k),
        Bootstrap.interval(
            p.length,
            idx -> qwk(Bootstrap.pick(h, idx), Bootstrap.pick(p, idx), k),
            resamples,
            seed),
        pearson(predicted, human),
        bootstrap(predicted, human, Agreement::pearson, resamples, seed),
        spearman(predicted, human),
        mae(predicted, human),
        rmse(predicted, human),
        bootstrap(predicted, human, Agreement::rmse, resamples, seed),
        exactAgreement(h, p),
        adjacentAgreement(h, p),
        smd(predicted, human),
        bootstrap(predicted, human, Agreement::smd, resamples, seed),
        confusion(h, p, k));
  }

  /** 1-based ranks; each run of tied values gets the average of the ranks it spans. */
  private static double[] ranks(double[] x) {
    requireFinite(x);
    Integer[] order =
        IntStream.range(0, x.length)
            .boxed()
            .sorted(Comparator.comparingDouble(i -> x[i]))
            .toArray(Integer[]::new);
    double[] ranks = new double[x.length];
    int start = 0;
    while (start < order.length) {
      int end = start;
      while (end + 1 < order.length && x[order[end + 1]] == x[order[start]]) {
        end++;
      }
      double averageRank = (start + end) / 2.0 + 1;
      for (int i = start; i <= end; i++) {
        ranks[order[i]] = averageRank;
      }
      start = end + 1;
    }
    return ranks;
  }

  private static double variance(double[] x) {
    if (isConstant(x)) {
      return 0;
    }
    double m = mean(x);
    double sum = 0;
    for (double v : x) {
      sum += (v - m) * (v - m);
    }
    return sum / x.length;
  }

  private static boolean isConstant(double[] x) {
    for (double v : x) {
      if (v != x[0]) {
        return false;
      }
    }
    return true;
  }

  private static boolean isConstant(int[] x) {
    for (int v : x) {
      if (v != x[0]) {
        return false;
      }
    }
    return true;
  }

  private static double shareWithin(int[] a, int[] b, int tolerance) {
    requirePaired(a.length, b.length);
    int within = 0;
    for (int i = 0; i < a.length; i++) {
      if (Math.abs((long) a[i] - b[i]) <= tolerance) {
        within++;
      }
    }
    return (double) within / a.length;
  }

  private static void requirePaired(double[] x, double[] y) {
    requirePaired(x.length, y.length);
    requireFinite(x);
    requireFinite(y);
  }

  private static void requirePaired(int length, int otherLength) {
    if (length != otherLength) {
      throw new IllegalArgumentException(
          "paired arrays differ in length: " + length + " vs " + otherLength);
    }
    requireNonEmpty(length);
  }

  private static void requireNonEmpty(int length) {
    if (length == 0) {
      throw new IllegalArgumentException("need at least one score");
    }
  }

  private static void requireFinite(double[] x) {
    for (double v : x) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("scores must be finite, got " + v);
      }
    }
  }

  private static int requireCategory(int rating, int k) {
    if (rating < 0 || rating >= k) {
      throw new IllegalArgumentException("rating " + rating + " is outside 0.." + (k - 1));
    }
    return rating;
  }
}
