package dev.assay.fairness;

import dev.assay.metrics.Agreement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Statistics of one group's scores (shares of the scale, 0-1) and of a group against another, with
 * no I/O. Population moments, as in {@link Agreement}; the standardised mean difference is
 * Agreement's definition for two independent groups.
 */
final class GroupStats {
  static final int BINS = 5;
  private static final double Z95 = 1.959964;

  private GroupStats() {}

  /**
   * Mean, standard deviation, quartiles and a histogram of five equal bins over 0-1 (the last bin
   * includes 1).
   */
  record Distribution(
      double mean, double sd, double q1, double median, double q3, List<Integer> histogram) {}

  /** A standardised mean difference with its 95% interval (null ends when undefined). */
  record Smd(double value, Double low, Double high) {}

  static Distribution distribution(double[] x) {
    double[] sorted = x.clone();
    Arrays.sort(sorted);
    int[] bins = new int[BINS];
    for (double v : x) {
      bins[Math.min(BINS - 1, (int) Math.floor(v * BINS))]++;
    }
    List<Integer> histogram = new ArrayList<>();
    for (int b : bins) {
      histogram.add(b);
    }
    return new Distribution(
        Agreement.mean(x),
        Math.sqrt(variance(x)),
        quantile(sorted, 0.25),
        quantile(sorted, 0.5),
        quantile(sorted, 0.75),
        histogram);
  }

  /**
   * (mean(g) - mean(r)) / sqrt((var(g) + var(r)) / 2), positive when group g scores higher than the
   * reference r, with the normal interval of Hedges and Olkin (1985): SE^2 = (n_g + n_r) / (n_g
   * n_r) + d^2 / (2 (n_g + n_r)). Null when both groups have no spread.
   */
  static Smd smd(double[] g, double[] r) {
    double pooled = (variance(g) + variance(r)) / 2;
    if (pooled == 0) {
      return null;
    }
    double d = (Agreement.mean(g) - Agreement.mean(r)) / Math.sqrt(pooled);
    double n = g.length + r.length;
    double se = Math.sqrt(n / ((double) g.length * r.length) + d * d / (2 * n));
    return new Smd(d, d - Z95 * se, d + Z95 * se);
  }

  /** Share of scores at or above the pass mark. */
  static double rateAtOrAbove(double[] x, double mark) {
    return (double) Arrays.stream(x).filter(v -> v >= mark - 1e-12).count() / x.length;
  }

  /** Share of scores strictly above {@code cut} (LL144's scoring rate: above the median). */
  static double rateAbove(double[] x, double cut) {
    return (double) Arrays.stream(x).filter(v -> v > cut + 1e-12).count() / x.length;
  }

  static double median(double[] x) {
    double[] sorted = x.clone();
    Arrays.sort(sorted);
    return quantile(sorted, 0.5);
  }

  /** Linear interpolation between closest ranks (R type 7), as Agreement's intervals use. */
  static double quantile(double[] sorted, double p) {
    double position = p * (sorted.length - 1);
    int below = (int) Math.floor(position);
    int above = Math.min(below + 1, sorted.length - 1);
    return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
  }

  private static double variance(double[] x) {
    double m = Agreement.mean(x);
    double s = 0;
    for (double v : x) {
      s += (v - m) * (v - m);
    }
    return s / x.length;
  }
}
