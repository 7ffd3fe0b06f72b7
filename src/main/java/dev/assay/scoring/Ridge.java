package dev.assay.scoring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.stat.StatUtils;

/**
 * Ridge regression, optionally shrunk toward a prior model instead of toward zero: minimises {@code
 * |Xw - y|^2 + lambda |w - w_prior|^2}. With few rows the answer stays near the prior; with many it
 * follows the data. The penalty is chosen by cross-validation over groups (questions), so a
 * question's rows never help predict the same question. Solved with Apache Commons Math (Cholesky).
 */
public final class Ridge {
  /** Penalties tried by cross-validation. */
  static final double[] PENALTIES = {0.3, 1, 3, 10, 30, 100, 300, 1000, 3000, 10_000, 100_000};

  private static final int FOLDS = 5;

  private Ridge() {}

  /** A fit and the cross-validated predictions that chose its penalty. */
  public record Fit(LinearModel model, double lambda, double[] crossValidated) {}

  /**
   * Fits toward {@code prior} (or toward zero with a free intercept when null), standardising with
   * the prior's means and deviations when there is one so both weight vectors mean the same thing.
   */
  public static LinearModel fit(double[][] x, double[] y, double lambda, LinearModel prior) {
    int d = x[0].length;
    double[] fill = prior == null ? columnMeans(x) : prior.fill();
    double[][] filled = filled(x, fill);
    double[] mu = prior == null ? columnMeans(filled) : prior.mu();
    double[] sd = prior == null ? columnDeviations(filled, mu) : prior.sd();
    double[] target = new double[d + 1];
    if (prior != null) {
      System.arraycopy(prior.w(), 0, target, 0, d);
      target[d] = prior.b();
    }
    double[][] a = new double[d + 1][d + 1];
    double[] rhs = new double[d + 1];
    double[] z = new double[d + 1];
    for (int r = 0; r < filled.length; r++) {
      for (int i = 0; i < d; i++) {
        z[i] = (filled[r][i] - mu[i]) / sd[i];
      }
      z[d] = 1;
      for (int i = 0; i <= d; i++) {
        rhs[i] += z[i] * y[r];
        for (int j = 0; j <= d; j++) {
          a[i][j] += z[i] * z[j];
        }
      }
    }
    for (int i = 0; i <= d; i++) {
      // The intercept is free without a prior, and only weakly held to the prior's with one.
      double penalty = i < d ? lambda : (prior == null ? 1e-9 : lambda * 0.1);
      a[i][i] += penalty;
      rhs[i] += penalty * target[i];
    }
    RealMatrix m = new Array2DRowRealMatrix(a, false);
    double[] solution =
        new CholeskyDecomposition(m, 1e-12, 1e-12)
            .getSolver()
            .solve(new ArrayRealVector(rhs, false))
            .toArray();
    return new LinearModel(fill, mu, sd, Arrays.copyOf(solution, d), solution[d]);
  }

  /**
   * Chooses the penalty by grouped cross-validation, then fits all rows. The choice follows the
   * one-standard-error rule: the largest penalty whose cross-validated squared error is within one
   * standard error of the lowest, so a workspace with few, noisy rows stays close to the prior
   * unless its data clearly say otherwise (measured: steadier than the lowest-error penalty across
   * random draws of seed answers, docs/evaluation.md).
   */
  public static Fit select(double[][] x, double[] y, List<String> groups, LinearModel prior) {
    double[][] predictions = new double[PENALTIES.length][];
    double[] mean = new double[PENALTIES.length];
    int best = 0;
    double bestSe = 0;
    for (int l = 0; l < PENALTIES.length; l++) {
      predictions[l] = crossValidate(x, y, groups, PENALTIES[l], prior);
      double[] squared = new double[y.length];
      for (int i = 0; i < y.length; i++) {
        squared[i] = (predictions[l][i] - y[i]) * (predictions[l][i] - y[i]);
      }
      mean[l] = StatUtils.mean(squared);
      if (mean[l] < mean[best]) {
        best = l;
        bestSe = Math.sqrt(StatUtils.variance(squared) / y.length);
      } else if (l == 0) {
        bestSe = Math.sqrt(StatUtils.variance(squared) / y.length);
      }
    }
    int chosen = best;
    for (int l = PENALTIES.length - 1; l > best; l--) {
      if (mean[l] <= mean[best] + bestSe) {
        chosen = l;
        break;
      }
    }
    return new Fit(fit(x, y, PENALTIES[chosen], prior), PENALTIES[chosen], predictions[chosen]);
  }

  /** Predictions for every row from a model fitted without that row's group (5 folds). */
  static double[] crossValidate(
      double[][] x, double[] y, List<String> groups, double lambda, LinearModel prior) {
    List<String> distinct = new ArrayList<>(new LinkedHashSet<>(groups));
    Collections.shuffle(distinct, new Random(1));
    int folds = Math.min(FOLDS, distinct.size());
    Map<String, Integer> foldOf = new HashMap<>();
    for (int i = 0; i < distinct.size(); i++) {
      foldOf.put(distinct.get(i), i % folds);
    }
    double[] out = new double[y.length];
    for (int f = 0; f < folds; f++) {
      List<Integer> train = new ArrayList<>();
      List<Integer> held = new ArrayList<>();
      for (int i = 0; i < y.length; i++) {
        (foldOf.get(groups.get(i)) == f ? held : train).add(i);
      }
      LinearModel m = fit(rows(x, train), values(y, train), lambda, prior);
      for (int i : held) {
        out[i] = m.apply(x[i]);
      }
    }
    return out;
  }

  static double[] columnMeans(double[][] x) {
    int d = x[0].length;
    double[] mean = new double[d];
    int[] n = new int[d];
    for (double[] row : x) {
      for (int i = 0; i < d; i++) {
        if (!Double.isNaN(row[i])) {
          mean[i] += row[i];
          n[i]++;
        }
      }
    }
    for (int i = 0; i < d; i++) {
      mean[i] = n[i] == 0 ? 0 : mean[i] / n[i];
    }
    return mean;
  }

  private static double[] columnDeviations(double[][] x, double[] mu) {
    double[] sd = new double[mu.length];
    for (double[] row : x) {
      for (int i = 0; i < mu.length; i++) {
        sd[i] += (row[i] - mu[i]) * (row[i] - mu[i]);
      }
    }
    for (int i = 0; i < mu.length; i++) {
      sd[i] = Math.sqrt(sd[i] / x.length) + 1e-9;
    }
    return sd;
  }

  private static double[][] filled(double[][] x, double[] fill) {
    double[][] out = new double[x.length][];
    for (int r = 0; r < x.length; r++) {
      out[r] = x[r].clone();
      for (int i = 0; i < fill.length; i++) {
        if (Double.isNaN(out[r][i])) {
          out[r][i] = fill[i];
        }
      }
    }
    return out;
  }

  private static double[][] rows(double[][] x, List<Integer> idx) {
    return idx.stream().map(i -> x[i]).toArray(double[][]::new);
  }

  private static double[] values(double[] y, List<Integer> idx) {
    return idx.stream().mapToDouble(i -> y[i]).toArray();
  }
}
