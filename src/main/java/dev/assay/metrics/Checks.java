package dev.assay.metrics;

/** The argument checks every metric shares (see the contract on {@link Agreement}). */
final class Checks {
  private Checks() {}

  static void requirePaired(double[] x, double[] y) {
    requirePaired(x.length, y.length);
    requireFinite(x);
    requireFinite(y);
  }

  static void requirePaired(int length, int otherLength) {
    if (length != otherLength) {
      throw new IllegalArgumentException(
          "paired arrays differ in length: " + length + " vs " + otherLength);
    }
    requireNonEmpty(length);
  }

  static void requireNonEmpty(int length) {
    if (length == 0) {
      throw new IllegalArgumentException("need at least one score");
    }
  }

  static void requireFinite(double[] x) {
    for (double v : x) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("scores must be finite, got " + v);
      }
    }
  }
}
