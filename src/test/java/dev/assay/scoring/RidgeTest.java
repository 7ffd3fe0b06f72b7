package dev.assay.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RidgeTest {
  /** y = 2 + 3 x0 - x1 exactly, on 40 rows. */
  private static double[][] x(Random random, int n) {
    double[][] x = new double[n][2];
    for (double[] row : x) {
      row[0] = random.nextGaussian();
      row[1] = random.nextGaussian();
    }
    return x;
  }

  private static double[] y(double[][] x) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = 2 + 3 * x[i][0] - x[i][1];
    }
    return y;
  }

  @Test
  void aTinyPenaltyRecoversAnExactLinearRelation() {
    double[][] x = x(new Random(1), 40);
    double[] y = y(x);
    LinearModel m = Ridge.fit(x, y, 1e-9, null);
    for (int i = 0; i < x.length; i++) {
      assertEquals(y[i], m.apply(x[i]), 1e-6);
    }
  }

  @Test
  void aHugePenaltyKeepsThePrior() {
    double[][] x = x(new Random(2), 40);
    LinearModel prior =
        new LinearModel(
            new double[] {0, 0},
            new double[] {0, 0},
            new double[] {1, 1},
            new double[] {0.5, 0.25},
            1);
    LinearModel m = Ridge.fit(x, y(x), 1e12, prior);
    assertArrayEquals(prior.w(), m.w(), 1e-6);
    assertEquals(prior.b(), m.b(), 1e-4);
  }

  @Test
  void aLargerPenaltyNeverMovesFurtherFromThePrior() {
    qt().withExamples(40)
        .forAll(longs().between(1, 1_000_000), doubles().between(0.1, 100))
        .check(
            (seed, lambda) -> {
              double[][] x = x(new Random(seed), 30);
              LinearModel prior =
                  new LinearModel(
                      new double[] {0, 0},
                      new double[] {0, 0},
                      new double[] {1, 1},
                      new double[] {0, 0},
                      0);
              double near = distance(Ridge.fit(x, y(x), lambda * 10, prior), prior);
              double far = distance(Ridge.fit(x, y(x), lambda, prior), prior);
              return near <= far + 1e-9;
            });
  }

  @Test
  void crossValidationNeverPredictsARowFromItsOwnGroup() {
    // Each group's target is a constant no other group shares: a model that saw the group would
    // reproduce it, one that did not cannot.
    List<String> groups = new ArrayList<>();
    double[][] x = new double[30][1];
    double[] y = new double[30];
    for (int i = 0; i < 30; i++) {
      groups.add("g" + (i % 6));
      x[i][0] = i % 6;
      y[i] = (i % 6) == 3 ? 100 : 0;
    }
    double[] cv = Ridge.crossValidate(x, y, groups, 1e-6, null);
    for (int i = 0; i < 30; i++) {
      if (i % 6 == 3) {
        assertTrue(cv[i] < 50, "group g3 was predicted from itself: " + cv[i]);
      }
    }
  }

  private static double distance(LinearModel a, LinearModel b) {
    double d = 0;
    for (int i = 0; i < a.w().length; i++) {
      d += (a.w()[i] - b.w()[i]) * (a.w()[i] - b.w()[i]);
    }
    return d;
  }
}
