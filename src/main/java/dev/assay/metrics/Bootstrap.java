package dev.assay.metrics;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * The one percentile bootstrap: resample index arrays with replacement from {@code new
 * SplittableRandom(seed)}, skip resamples whose statistic is undefined (NaN), and take the 2.5th
 * and 97.5th percentiles of the rest by linear interpolation between closest ranks (R type 7,
 * NumPy's default). Drawing indices rather than values lets statistics over doubles, over grid
 * categories and over paired differences of two runs share it.
 */
public final class Bootstrap {
  private static final double LOW_PERCENTILE = 0.025;
  private static final double HIGH_PERCENTILE = 0.975;

  private Bootstrap() {}

  /**
   * The 95% interval of {@code statistic} over {@code resamples} index arrays of length {@code n};
   * (NaN, NaN) when no resample gave a defined value. The same seed gives the same interval.
   */
  public static Agreement.Interval interval(
      int n, ToDoubleFunction<int[]> statistic, int resamples, long seed) {
    if (resamples < 1) {
      throw new IllegalArgumentException("need at least one resample, got " + resamples);
    }
    SplittableRandom random = new SplittableRandom(seed);
    double[] values = new double[resamples];
    int defined = 0;
    int[] idx = new int[n];
    for (int r = 0; r < resamples; r++) {
      for (int i = 0; i < n; i++) {
        idx[i] = random.nextInt(n);
      }
      double value = statistic.applyAsDouble(idx);
      if (!Double.isNaN(value)) {
        values[defined++] = value;
      }
    }
    if (defined == 0) {
      return new Agreement.Interval(Double.NaN, Double.NaN);
    }
    double[] sorted = Arrays.copyOf(values, defined);
    Arrays.sort(sorted);
    return new Agreement.Interval(
        percentile(sorted, LOW_PERCENTILE), percentile(sorted, HIGH_PERCENTILE));
  }

  /** The values at the resampled indices. */
  public static double[] pick(double[] values, int[] idx) {
    double[] picked = new double[idx.length];
    for (int i = 0; i < idx.length; i++) {
      picked[i] = values[idx[i]];
    }
    return picked;
  }

  static int[] pick(int[] values, int[] idx) {
    int[] picked = new int[idx.length];
    for (int i = 0; i < idx.length; i++) {
      picked[i] = values[idx[i]];
    }
    return picked;
  }

  /** Linear interpolation between closest ranks (R type 7). */
  private static double percentile(double[] sorted, double p) {
    double position = p * (sorted.length - 1);
    int below = (int) Math.floor(position);
    int above = Math.min(below + 1, sorted.length - 1);
    double fraction = position - below;
    return sorted[below] + fraction * (sorted[above] - sorted[below]);
  }
}
