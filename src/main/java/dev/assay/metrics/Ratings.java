package dev.assay.metrics;

/**
 * Agreement of ratings on a grid of categories: scores mapped to categories 0..k-1, quadratic
 * weighted kappa, exact and adjacent agreement, and the confusion matrix. The contract of {@link
 * Agreement} holds: paired arrays of the same length n &gt;= 1, finite scores, ratings in {@code
 * 0..k-1}; anything else is an {@link IllegalArgumentException}.
 */
public final class Ratings {
  private Ratings() {}

  /**
   * Scores mapped to integer categories 0..k on a grid: round(score/step), clamped to [0,
   * round(max/step)]. Rounding is half-up ({@link Math#round(double)}), so a score exactly between
   * two grid points goes to the higher one.
   */
  public static int[] categories(double[] scores, double max, double step) {
    Checks.requireNonEmpty(scores.length);
    Checks.requireFinite(scores);
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
    Checks.requirePaired(human.length, predicted.length);
    if (k < 1) {
      throw new IllegalArgumentException("need at least one category, got k=" + k);
    }
    long[][] counts = new long[k][k];
    for (int i = 0; i < human.length; i++) {
      counts[requireCategory(human[i], k)][requireCategory(predicted[i], k)]++;
    }
    return counts;
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
    Checks.requirePaired(a.length, b.length);
    int within = 0;
    for (int i = 0; i < a.length; i++) {
      if (Math.abs((long) a[i] - b[i]) <= tolerance) {
        within++;
      }
    }
    return (double) within / a.length;
  }

  private static int requireCategory(int rating, int k) {
    if (rating < 0 || rating >= k) {
      throw new IllegalArgumentException("rating " + rating + " is outside 0.." + (k - 1));
    }
    return rating;
  }
}
