package dev.assay.scoring;

/**
 * A linear model on standardised features: {@code b + sum_i w_i (x_i - mu_i) / sd_i}. Undefined
 * features (NaN) take the value {@code fill_i} (the training mean), which standardises to about 0.
 */
public record LinearModel(double[] fill, double[] mu, double[] sd, double[] w, double b) {

  public double apply(double[] x) {
    double y = b;
    for (int i = 0; i < w.length; i++) {
      double v = Double.isNaN(x[i]) ? fill[i] : x[i];
      y += w[i] * (v - mu[i]) / sd[i];
    }
    return y;
  }

  /** The same standardisation and fill with other weights. */
  LinearModel withWeights(double[] weights, double intercept) {
    return new LinearModel(fill, mu, sd, weights, intercept);
  }
}
