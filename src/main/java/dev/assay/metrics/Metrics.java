package dev.assay.metrics;

/**
 * The settings every agreement figure in Assay shares, so that the same scores give the same
 * figures wherever they are reported (an evaluation run, the live agreement report, the shadow
 * report, a run comparison, the promotion gate).
 *
 * <p>The random-seed rule: every seeded draw of a measurement (bootstrap resamples, the rows an
 * evaluation run draws as seeds) uses {@link #SEED} unless the run names its own ({@code --seed}).
 * Randomness inside model fitting (the ridge's cross-validation folds) is part of the model's
 * definition and stays with the model.
 */
public final class Metrics {
  /** The grid of scores that are not binary: quarters of the scale. */
  public static final double QUARTERS = 0.25;

  /** The grid of binary scores (0 or 1 of 1). */
  public static final double BINARY = 1.0;

  /** Resamples of every bootstrap interval. */
  public static final int RESAMPLES = 1000;

  /** The seed of every seeded draw unless a run names its own. */
  public static final long SEED = 42;

  private Metrics() {}

  /** The grid a set of human scores (shares of the scale) is compared on. */
  public static double gridStep(double[] human) {
    for (double h : human) {
      if (h != 0.0 && h != 1.0) {
        return QUARTERS;
      }
    }
    return BINARY;
  }

  /** {@code x} rounded half up to {@code digits} decimals (the one rounding rule for reports). */
  public static double round(double x, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(x * f) / f;
  }
}
