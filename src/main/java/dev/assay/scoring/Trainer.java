package dev.assay.scoring;

import java.util.HashSet;
import java.util.List;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;

/**
 * Fits a {@link ScoringModel} from rows of features and target shares. A workspace's model is
 * shrunk toward the shipped prior with the penalty chosen by cross-validation over its questions;
 * the calibration stretch and the error model are fitted on cross-validated predictions, so no row
 * is ever scored by a model that saw it.
 */
public final class Trainer {
  /** Fewer rows or questions than this: the prior is used as it is. */
  static final int MIN_ROWS = 12;

  static final int MIN_QUESTIONS = 2;

  /** How firmly a workspace's error model is held to the prior's. */
  private static final double ERROR_PENALTY = 30;

  /** The prior's own penalty (plenty of rows; chosen on the shared data sets). */
  private static final double PRIOR_PENALTY = 10;

  /** Bounds of the calibration stretch, so a flat cross-validation cannot blow predictions up. */
  private static final double MIN_STRETCH = 0.5;

  private static final double MAX_STRETCH = 3;

  private Trainer() {}

  /** One training row: an answer's features, its score as a share, and its question. */
  public record Row(double[] features, double target, String question) {}

  /** Whether {@code rows} are enough to fit a workspace model (else the prior serves). */
  public static boolean enough(List<Row> rows) {
    return rows.size() >= MIN_ROWS
        && new HashSet<>(rows.stream().map(Row::question).toList()).size() >= MIN_QUESTIONS;
  }

  /** A workspace model shrunk toward {@code prior}; the prior itself when rows are too few. */
  public static ScoringModel trainToward(ScoringModel prior, List<Row> rows, String source) {
    if (!enough(rows)) {
      return prior;
    }
    double[][] x = rows.stream().map(Row::features).toArray(double[][]::new);
    double[] y = rows.stream().mapToDouble(Row::target).toArray();
    List<String> groups = rows.stream().map(Row::question).toList();
    Ridge.Fit fit = Ridge.select(x, y, groups, prior.score());
    return assemble(
        prior.featureSet(), prior.embeddingModel(), fit, x, y, groups, prior.error(), source);
  }

  /** The prior: fitted without one, on rows from public data sets. */
  public static ScoringModel trainPrior(List<Row> rows, String embeddingModel, String source) {
    double[][] x = rows.stream().map(Row::features).toArray(double[][]::new);
    double[] y = rows.stream().mapToDouble(Row::target).toArray();
    List<String> groups = rows.stream().map(Row::question).toList();
    double[] cv = Ridge.crossValidate(x, y, groups, PRIOR_PENALTY, null);
    Ridge.Fit fit = new Ridge.Fit(Ridge.fit(x, y, PRIOR_PENALTY, null), PRIOR_PENALTY, cv);
    return assemble(Features.VERSION, embeddingModel, fit, x, y, groups, null, source);
  }

  private static ScoringModel assemble(
      String featureSet,
      String embeddingModel,
      Ridge.Fit fit,
      double[][] x,
      double[] y,
      List<String> groups,
      LinearModel errorPrior,
      String source) {
    double[] cv = fit.crossValidated();
    ScoringModel.Calibration calibration = calibration(cv, y);
    double[][] ex = new double[y.length][];
    double[] errors = new double[y.length];
    double mae = 0;
    for (int i = 0; i < y.length; i++) {
      double share = calibration.apply(cv[i]);
      ex[i] = ScoringModel.errorFeatures(share, x[i]);
      errors[i] = Math.abs(share - y[i]);
      mae += errors[i];
    }
    LinearModel error =
        Ridge.fit(ex, errors, errorPrior == null ? PRIOR_PENALTY : ERROR_PENALTY, errorPrior);
    ScoringModel.Training training =
        new ScoringModel.Training(
            y.length,
            new HashSet<>(groups).size(),
            fit.lambda(),
            pearson(cv, y),
            mae / y.length,
            source);
    return new ScoringModel(
        errorPrior == null ? ScoringModel.PRIOR : ScoringModel.TRAINED,
        featureSet,
        embeddingModel,
        Features.NAMES,
        fit.model(),
        calibration,
        error,
        training);
  }

  /** Stretches predictions to the targets' spread around the targets' mean. */
  static ScoringModel.Calibration calibration(double[] predicted, double[] target) {
    double pm = mean(predicted);
    double tm = mean(target);
    double ps = sd(predicted, pm);
    double stretch =
        ps < 1e-6 ? 1 : Math.max(MIN_STRETCH, Math.min(MAX_STRETCH, sd(target, tm) / ps));
    return new ScoringModel.Calibration(tm, pm, stretch);
  }

  private static double mean(double[] x) {
    return StatUtils.mean(x);
  }

  private static double sd(double[] x, double mean) {
    return Math.sqrt(StatUtils.populationVariance(x, mean));
  }

  private static double pearson(double[] a, double[] b) {
    return a.length < 3 ? Double.NaN : new PearsonsCorrelation().correlation(a, b);
  }
}
