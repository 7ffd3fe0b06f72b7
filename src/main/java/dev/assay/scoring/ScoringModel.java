package dev.assay.scoring;

import java.util.List;

/**
 * A learned offline scorer: a linear model over {@link Features} that predicts an answer's score as
 * a share of the scale, a monotone stretch that restores the spread a regression compresses toward
 * the mean (fitted on cross-validated predictions, never on the rows it predicts), and a second
 * linear model that predicts the absolute error of a prediction, from which confidence follows.
 *
 * @param kind {@code prior} (shipped, trained on public data sets) or {@code trained} (fitted on a
 *     workspace's exemplars, shrunk toward the prior)
 * @param featureSet the {@link Features#VERSION} the model was fitted on
 * @param embeddingModel the embedding model whose vectors made the features
 */
public record ScoringModel(
    String kind,
    String featureSet,
    String embeddingModel,
    List<String> features,
    LinearModel score,
    Calibration calibration,
    LinearModel error,
    Training training) {

  public static final String PRIOR = "prior";
  public static final String TRAINED = "trained";

  /** Errors at or above this share of the scale mean no confidence at all. */
  private static final double NO_CONFIDENCE_ERROR = 0.5;

  /** {@code targetMean + (raw - predictionMean) * stretch}, clamped to [0, 1]. */
  public record Calibration(double targetMean, double predictionMean, double stretch) {
    double apply(double raw) {
      return Math.max(0, Math.min(1, targetMean + (raw - predictionMean) * stretch));
    }
  }

  /** What the model learned from: rows, questions, the penalty chosen and cross-validated fit. */
  public record Training(
      int rows,
      int questions,
      double lambda,
      double crossValidatedPearson,
      double crossValidatedMae,
      String source) {}

  /** A prediction: the score as a share of the scale, its expected error and confidence. */
  public record Prediction(double share, double expectedError, double confidence) {}

  public Prediction predict(double[] x) {
    double share = calibration.apply(score.apply(x));
    double expectedError = Math.max(0, error.apply(errorFeatures(share, x)));
    double confidence = 1 - Math.min(1, expectedError / NO_CONFIDENCE_ERROR);
    return new Prediction(share, expectedError, confidence);
  }

  /**
   * What predicts a large error: a prediction in the middle of the scale, neighbour estimates that
   * disagree, and an answer far from any high-scored exemplar.
   */
  static double[] errorFeatures(double share, double[] x) {
    return new double[] {
      Math.abs(share - 0.5),
      share * (1 - share),
      Math.abs(x[Features.KNN] - x[Features.KNN_LEX]),
      Math.abs(x[Features.KNN] - x[Features.KNN_SOFT]),
      x[Features.SIM_HI]
    };
  }
}
