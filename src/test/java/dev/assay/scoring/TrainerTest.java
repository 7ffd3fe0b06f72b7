package dev.assay.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TrainerTest {
  private static final int D = Features.NAMES.size();

  /** Rows whose target is a noisy increasing function of the first feature (the kNN estimate). */
  private static List<Trainer.Row> rows(int n, int questions, long seed) {
    Random random = new Random(seed);
    List<Trainer.Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double[] f = new double[D];
      for (int j = 0; j < D; j++) {
        f[j] = random.nextDouble();
      }
      double target = Math.max(0, Math.min(1, f[0] + 0.1 * random.nextGaussian()));
      rows.add(new Trainer.Row(f, target, "q" + (i % questions)));
    }
    return rows;
  }

  @Test
  void tooFewRowsOrQuestionsLeaveThePriorAsItIs() {
    ScoringModel prior = Trainer.trainPrior(rows(200, 10, 1), "model", "test");
    assertSame(prior, Trainer.trainToward(prior, rows(Trainer.MIN_ROWS - 1, 4, 2), "few"));
    assertSame(prior, Trainer.trainToward(prior, rows(50, 1, 3), "one question"));
  }

  @Test
  void aTrainedModelPredictsTheRelationItWasShown() {
    ScoringModel prior = Trainer.trainPrior(rows(300, 12, 4), "model", "test");
    ScoringModel model = Trainer.trainToward(prior, rows(200, 10, 5), "workspace");
    assertEquals(ScoringModel.TRAINED, model.kind());
    double[] low = new double[D];
    double[] high = new double[D];
    low[0] = 0.1;
    high[0] = 0.9;
    for (int j = 1; j < D; j++) {
      low[j] = 0.5;
      high[j] = 0.5;
    }
    assertTrue(model.predict(high).share() > model.predict(low).share() + 0.4);
    assertTrue(model.training().crossValidatedPearson() > 0.8);
  }

  @Test
  void theStretchRestoresTheTargetsSpread() {
    double[] predicted = {0.3, 0.4, 0.5, 0.6, 0.7};
    double[] target = {0.0, 0.25, 0.5, 0.75, 1.0};
    ScoringModel.Calibration c = Trainer.calibration(predicted, target);
    assertEquals(0.0, c.apply(0.3), 1e-9);
    assertEquals(1.0, c.apply(0.7), 1e-9);
    assertEquals(0.5, c.apply(0.5), 1e-9);
  }

  @Test
  void aFlatCrossValidationCannotStretchPredictionsWithoutBound() {
    double[] predicted = {0.49, 0.495, 0.5, 0.505, 0.51};
    double[] target = {0.0, 0.25, 0.5, 0.75, 1.0};
    assertEquals(3.0, Trainer.calibration(predicted, target).stretch(), 1e-9);
  }

  @Test
  void predictionsStayOnTheScaleAndConfidenceWithinZeroAndOne() {
    ScoringModel prior = Trainer.trainPrior(rows(300, 12, 6), "model", "test");
    Random random = new Random(7);
    for (int i = 0; i < 200; i++) {
      double[] f = new double[D];
      for (int j = 0; j < D; j++) {
        f[j] = random.nextGaussian() * 3;
      }
      ScoringModel.Prediction p = prior.predict(f);
      assertTrue(p.share() >= 0 && p.share() <= 1, "share " + p.share());
      assertTrue(p.confidence() >= 0 && p.confidence() <= 1, "confidence " + p.confidence());
    }
  }
}
