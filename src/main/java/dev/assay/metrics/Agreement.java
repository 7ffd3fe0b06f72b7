package dev.assay.metrics;

import java.util.Comparator;
import java.util.function.ToDoubleBiFunction;
import java.util.stream.IntStream;

/**
 * Agreement between automated scores and human scores, as reported in automated-scoring research:
 * correlation, error and standardised mean difference, with percentile bootstrap intervals, and
 * every metric at once ({@link #summarise}) with the grid ones of {@link Ratings} (quadratic
 * weighted kappa, exact and adjacent agreement).
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
    Checks.requirePaired(x, y);
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
    Checks.requirePaired(x, y);
    return pearson(ranks(x), ranks(y));
  }

  /** Mean absolute error. */
  public static double mae(double[] predicted, double[] human) {
    Checks.requirePaired(predicted, human);
    double sum = 0;
    for (int i = 0; i < predicted.length; i++) {
      sum += Math.abs(predicted[i] - human[i]);
    }
    return sum / predicted.length;
  }

  /** Root mean squared error. */
  public static double rmse(double[] predicted, double[] human) {
    Checks.requirePaired(predicted, human);
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
    Checks.requirePaired(predicted, human);
    double difference = mean(predicted) - mean(human);
    double pooled = (variance(predicted) + variance(human)) / 2;
    if (pooled == 0) {
      return difference == 0 ? 0 : Double.NaN;
    }
    return difference / Math.sqrt(pooled);
  }

  /** Arithmetic mean. */
  public static double mean(double[] x) {
    Checks.requireNonEmpty(x.length);
    Checks.requireFinite(x);
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
    Checks.requirePaired(predicted, human);
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
    Checks.requirePaired(predicted, human);
    int k = Ratings.categoryCount(max, step);
    int[] p = Ratings.categories(predicted, max, step);
    int[] h = Ratings.categories(human, max, step);
    return new Summary(
        predicted.length,
        Ratings.qwk(h, p, k),
        Bootstrap.interval(
            p.length,
            idx -> Ratings.qwk(Bootstrap.pick(h, idx), Bootstrap.pick(p, idx), k),
            resamples,
            seed),
        pearson(predicted, human),
        bootstrap(predicted, human, Agreement::pearson, resamples, seed),
        spearman(predicted, human),
        mae(predicted, human),
        rmse(predicted, human),
        bootstrap(predicted, human, Agreement::rmse, resamples, seed),
        Ratings.exactAgreement(h, p),
        Ratings.adjacentAgreement(h, p),
        smd(predicted, human),
        bootstrap(predicted, human, Agreement::smd, resamples, seed),
        Ratings.confusion(h, p, k));
  }

  /** 1-based ranks; each run of tied values gets the average of the ranks it spans. */
  private static double[] ranks(double[] x) {
    Checks.requireFinite(x);
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
}
