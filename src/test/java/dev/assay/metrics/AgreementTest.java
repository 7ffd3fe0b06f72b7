package dev.assay.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.assay.metrics.Agreement.Interval;
import dev.assay.metrics.Agreement.Summary;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class AgreementTest {
  private static final double EPS = 1e-12;

  /**
   * The classic 3x3 example, rows = rater a, columns = rater b, n = 10:
   *
   * <pre>
   *        b=0 b=1 b=2 | rows
   *   a=0   2   1   0  |  3
   *   a=1   1   3   1  |  5
   *   a=2   0   1   1  |  2
   *   cols  3   5   2
   * </pre>
   */
  private static final int[] RATER_A = {0, 0, 0, 1, 1, 1, 1, 1, 2, 2};

  private static final int[] RATER_B = {0, 0, 1, 0, 1, 1, 1, 2, 1, 2};

  /** Lists of up to 40 rating pairs, each rating in 0..9. */
  private static Gen<List<int[]>> ratingPairs() {
    return lists()
        .of(integers().between(0, 9).zip(integers().between(0, 9), (a, b) -> new int[] {a, b}))
        .ofSizeBetween(1, 40);
  }

  private static int[] column(List<int[]> pairs, int column, int k) {
    return pairs.stream().mapToInt(pair -> pair[column] % k).toArray();
  }

  private static double[] scores(List<int[]> pairs, int column) {
    return pairs.stream().mapToDouble(pair -> pair[column]).toArray();
  }

  private static void assertSameOrBothNaN(double expected, double actual, double tolerance) {
    if (Double.isNaN(expected) || Double.isNaN(actual)) {
      assertEquals(expected, actual); // assertEquals treats NaN as equal to NaN
    } else {
      assertEquals(expected, actual, tolerance);
    }
  }

  @Test
  void pearsonIsOneForAPerfectPositiveAndMinusOneForAPerfectNegativeRelation() {
    double[] x = {1, 2, 3, 4, 5};
    assertEquals(1.0, Agreement.pearson(x, new double[] {3, 5, 7, 9, 11}), EPS);
    assertEquals(-1.0, Agreement.pearson(x, new double[] {10, 8, 6, 4, 2}), EPS);
  }

  @Test
  void pearsonMatchesAHandComputedExample() {
    // mean x = 3, mean y = 4; dx = -2,-1,0,1,2; dy = -2,0,1,0,1
    // sxy = 4+0+0+0+2 = 6, sxx = 10, syy = 4+0+1+0+1 = 6 -> r = 6 / sqrt(60) = 0.7745966692414834
    double r = Agreement.pearson(new double[] {1, 2, 3, 4, 5}, new double[] {2, 4, 5, 4, 5});
    assertEquals(6 / Math.sqrt(60), r, EPS);
  }

  @Test
  void pearsonIsUndefinedWhenEitherSideIsConstant() {
    // 0.1 summed three times is not 0.3, so a naive mean would leave non-zero deviations.
    double[] constant = {0.1, 0.1, 0.1};
    double[] varying = {1, 2, 3};
    assertTrue(Double.isNaN(Agreement.pearson(constant, varying)));
    assertTrue(Double.isNaN(Agreement.pearson(varying, constant)));
    assertTrue(Double.isNaN(Agreement.pearson(new double[] {4}, new double[] {2})));
  }

  @Test
  void spearmanGivesTiesTheirAverageRank() {
    // x ranks: 10->1, 20,20->2.5,2.5, 30->4, 40->5; y ranks: 1,1->1.5,1.5, 2->3, 3,3->4.5,4.5
    // both mean 3; dx = -2,-.5,-.5,1,2; dy = -1.5,-1.5,0,1.5,1.5
    // sxy = 3+.75+0+1.5+3 = 8.25, sxx = 4+.25+.25+1+4 = 9.5, syy = 4*2.25 = 9
    // rho = 8.25 / sqrt(85.5) = 0.8922178162191939
    double rho =
        Agreement.spearman(new double[] {10, 20, 20, 30, 40}, new double[] {1, 1, 2, 3, 3});
    assertEquals(8.25 / Math.sqrt(85.5), rho, EPS);
  }

  @Test
  void spearmanIgnoresStrictlyIncreasingTransformations() {
    qt().forAll(ratingPairs())
        .checkAssert(
            pairs -> {
              double[] x = scores(pairs, 0);
              double[] y = scores(pairs, 1);
              double[] transformed = Arrays.stream(x).map(Math::exp).toArray();
              assertSameOrBothNaN(
                  Agreement.spearman(x, y), Agreement.spearman(transformed, y), EPS);
            });
  }

  @Test
  void maeAndRmseMatchAHandComputedExample() {
    // differences 1, 0, 2, -1: mae = 4/4 = 1; rmse = sqrt((1+0+4+1)/4) = sqrt(1.5)
    double[] predicted = {2, 3, 5, 1};
    double[] human = {1, 3, 3, 2};
    assertEquals(1.0, Agreement.mae(predicted, human), EPS);
    assertEquals(Math.sqrt(1.5), Agreement.rmse(predicted, human), EPS);
  }

  @Test
  void smdIsPositiveWhenPredictionsRunHigher() {
    // means 4 and 2; variances 8/3 and 2/3; pooled = 5/3 -> smd = 2 / sqrt(5/3) = 1.549...
    double[] predicted = {2, 4, 6};
    double[] human = {1, 2, 3};
    assertEquals(2 / Math.sqrt(5.0 / 3), Agreement.smd(predicted, human), EPS);
    assertEquals(-2 / Math.sqrt(5.0 / 3), Agreement.smd(human, predicted), EPS);
  }

  @Test
  void smdOfTwoConstantSidesIsZeroWhenEqualAndUndefinedOtherwise() {
    assertEquals(0.0, Agreement.smd(new double[] {2, 2}, new double[] {2, 2}));
    assertTrue(Double.isNaN(Agreement.smd(new double[] {3, 3}, new double[] {2, 2})));
  }

  @Test
  void smdDoesNotDependOnTheUnitOfTheScale() {
    qt().forAll(ratingPairs(), doubles().between(0.01, 100))
        .checkAssert(
            (pairs, c) -> {
              double[] p = scores(pairs, 0);
              double[] h = scores(pairs, 1);
              double[] scaledP = Arrays.stream(p).map(v -> v * c).toArray();
              double[] scaledH = Arrays.stream(h).map(v -> v * c).toArray();
              assertSameOrBothNaN(Agreement.smd(p, h), Agreement.smd(scaledP, scaledH), 1e-9);
            });
  }

  @Test
  void categoriesRoundToTheGridAndClampToTheScale() {
    // SAF-like scale: 0..3.5 in steps of 0.5 is 8 categories, 0..7.
    assertEquals(8, Ratings.categoryCount(3.5, 0.5));
    double[] scores = {0, 0.24, 0.25, 0.74, 1.75, 3.5, 4.0, -0.3};
    // 0/.5=0; .48->0; .5->1 (half up); 1.48->1; 3.5->4; 7; 8 clamped to 7; -0.6->-1 clamped to 0
    assertArrayEquals(new int[] {0, 0, 1, 1, 4, 7, 7, 0}, Ratings.categories(scores, 3.5, 0.5));
  }

  @Test
  void categoriesRejectANonPositiveStepAndNonFiniteScores() {
    assertThrows(IllegalArgumentException.class, () -> Ratings.categoryCount(3.5, 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> Ratings.categories(new double[] {Double.NaN}, 3.5, 0.5));
  }

  @Test
  void qwkOfIdenticalRatingsIsOne() {
    assertEquals(1.0, Ratings.qwk(RATER_A, RATER_A.clone(), 3), EPS);
  }

  @Test
  void qwkMatchesAHandComputedThreeCategoryExample() {
    // Weights with k = 3: w = (i-j)^2 / 4, so 0.25 one apart and 1 two apart.
    // Observed: one-apart cells (0,1),(1,0),(1,2),(2,1) = 1 each -> 4 * 0.25 = 1; two-apart = 0.
    // Expected E_ij = row_i * col_j / 10:
    //   row 0: .9 1.5 .6 | row 1: 1.5 2.5 1.0 | row 2: .6 1.0 .4
    // one apart: 1.5+1.5+1.0+1.0 = 5 -> 1.25; two apart: .6+.6 = 1.2 -> 1.2; total 2.45
    // kappa = 1 - 1/2.45 = 29/49 = 0.5918367346938775
    assertEquals(29.0 / 49, Ratings.qwk(RATER_A, RATER_B, 3), EPS);
  }

  @Test
  void confusionAndAgreementSharesOfTheWorkedExample() {
    assertArrayEquals(
        new long[][] {{2, 1, 0}, {1, 3, 1}, {0, 1, 1}}, Ratings.confusion(RATER_A, RATER_B, 3));
    assertEquals(0.6, Ratings.exactAgreement(RATER_A, RATER_B), EPS);
    assertEquals(1.0, Ratings.adjacentAgreement(RATER_A, RATER_B), EPS);
    assertEquals(0.5, Ratings.adjacentAgreement(new int[] {0, 3}, new int[] {1, 1}), EPS);
  }

  @Test
  void qwkOfConstantRatersIsOneWhenIdenticalAndZeroWhenNot() {
    assertEquals(1.0, Ratings.qwk(new int[] {2, 2, 2}, new int[] {2, 2, 2}, 4));
    assertEquals(1.0, Ratings.qwk(new int[] {0}, new int[] {0}, 1));
    // Constant but different: observed and expected disagreement are both n * w, so kappa = 0.
    assertEquals(0.0, Ratings.qwk(new int[] {1, 1}, new int[] {3, 3}, 4), EPS);
  }

  @Test
  void qwkIsSymmetricBoundedAndEqualToItsMomentForm() {
    qt().forAll(ratingPairs(), integers().between(2, 10))
        .checkAssert(
            (pairs, k) -> {
              int[] a = column(pairs, 0, k);
              int[] b = column(pairs, 1, k);
              double kappa = Ratings.qwk(a, b, k);
              assertSameOrBothNaN(kappa, Ratings.qwk(b, a, k), EPS);
              if (!Double.isNaN(kappa)) {
                assertTrue(kappa >= -1 - EPS && kappa <= 1 + EPS, "kappa " + kappa);
              }
              // With quadratic weights, kappa = 2 cov(a,b) / (var a + var b + (mean a - mean b)^2).
              double[] x = Arrays.stream(a).asDoubleStream().toArray();
              double[] y = Arrays.stream(b).asDoubleStream().toArray();
              double mx = Agreement.mean(x);
              double my = Agreement.mean(y);
              double cov = 0;
              double vx = 0;
              double vy = 0;
              for (int i = 0; i < x.length; i++) {
                cov += (x[i] - mx) * (y[i] - my) / x.length;
                vx += (x[i] - mx) * (x[i] - mx) / x.length;
                vy += (y[i] - my) * (y[i] - my) / x.length;
              }
              double denominator = vx + vy + (mx - my) * (mx - my);
              if (denominator > 1e-9) {
                assertEquals(2 * cov / denominator, kappa, 1e-9);
              }
            });
  }

  @Test
  void mismatchedLengthsAndOutOfRangeRatingsAreRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> Agreement.pearson(new double[] {1, 2}, new double[] {1}));
    assertThrows(
        IllegalArgumentException.class, () -> Ratings.qwk(new int[] {0, 1}, new int[] {0}, 2));
    assertThrows(
        IllegalArgumentException.class, () -> Ratings.qwk(new int[] {0, 3}, new int[] {0, 1}, 3));
    assertThrows(IllegalArgumentException.class, () -> Agreement.mean(new double[] {}));
  }

  @Test
  void bootstrapIntervalOfAStrongCorrelationContainsThePointEstimate() {
    double[] x = IntStream.rangeClosed(1, 30).asDoubleStream().toArray();
    double[] y = IntStream.rangeClosed(1, 30).mapToDouble(i -> i + (i * 7) % 5 - 2).toArray();
    double r = Agreement.pearson(x, y);
    Interval interval = Agreement.bootstrap(x, y, Agreement::pearson, 2000, 42);
    assertTrue(r > 0.95, "r " + r);
    assertTrue(interval.low() <= r && r <= interval.high(), interval + " vs " + r);
  }

  @Test
  void bootstrapIsDeterministicForASeedAndOrdered() {
    qt().forAll(ratingPairs(), longs().all())
        .checkAssert(
            (pairs, seed) -> {
              double[] p = scores(pairs, 0);
              double[] h = scores(pairs, 1);
              Interval first = Agreement.bootstrap(p, h, Agreement::mae, 50, seed);
              assertEquals(first, Agreement.bootstrap(p, h, Agreement::mae, 50, seed));
              assertTrue(first.low() <= first.high(), first.toString());
            });
  }

  @Test
  void bootstrapInterpolatesPercentilesAndSkipsUndefinedResamples() {
    double[] x = {1, 2, 3};
    // Statistic values 0, 1, 2, 3, 4 in order: 2.5th percentile at position 0.025 * 4 = 0.1,
    // 97.5th at 3.9.
    AtomicInteger calls = new AtomicInteger();
    Interval interval = Agreement.bootstrap(x, x, (p, h) -> calls.getAndIncrement(), 5, 1);
    assertEquals(0.1, interval.low(), EPS);
    assertEquals(3.9, interval.high(), EPS);

    // Odd calls are NaN, leaving 0, 2, 4, 6, 8 -> 0.2 and 7.8.
    AtomicInteger more = new AtomicInteger();
    Interval skipping =
        Agreement.bootstrap(
            x,
            x,
            (p, h) -> {
              int call = more.getAndIncrement();
              return call % 2 == 1 ? Double.NaN : call;
            },
            10,
            1);
    assertEquals(0.2, skipping.low(), EPS);
    assertEquals(7.8, skipping.high(), EPS);

    Interval none = Agreement.bootstrap(x, x, (p, h) -> Double.NaN, 10, 1);
    assertTrue(Double.isNaN(none.low()) && Double.isNaN(none.high()));
  }

  @Test
  void summariseAgreesWithTheIndividualMetrics() {
    double[] predicted = {0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 1.0, 2.5, 3.0, 0.5};
    double[] human = {0, 1.0, 1.0, 1.5, 2.5, 2.0, 3.0, 3.0, 0.5, 2.5, 3.5, 0.0};
    Summary summary = Agreement.summarise(predicted, human, 3.5, 0.5, 500, 7);

    int[] p = Ratings.categories(predicted, 3.5, 0.5);
    int[] h = Ratings.categories(human, 3.5, 0.5);
    assertEquals(12, summary.n());
    assertEquals(Ratings.qwk(h, p, 8), summary.qwk(), EPS);
    assertEquals(Agreement.pearson(predicted, human), summary.pearson(), EPS);
    assertEquals(Agreement.spearman(predicted, human), summary.spearman(), EPS);
    assertEquals(Agreement.mae(predicted, human), summary.mae(), EPS);
    assertEquals(Agreement.rmse(predicted, human), summary.rmse(), EPS);
    assertEquals(Ratings.exactAgreement(h, p), summary.exact(), EPS);
    assertEquals(Ratings.adjacentAgreement(h, p), summary.adjacent(), EPS);
    assertEquals(Agreement.smd(predicted, human), summary.smd(), EPS);
    assertEquals(8, summary.confusion().length);
    assertEquals(12, Arrays.stream(summary.confusion()).flatMapToLong(Arrays::stream).sum());
    for (Interval interval :
        List.of(summary.qwkCi(), summary.pearsonCi(), summary.rmseCi(), summary.smdCi())) {
      assertTrue(interval.low() <= interval.high(), interval.toString());
    }
    assertEquals(Agreement.bootstrap(predicted, human, Agreement::rmse, 500, 7), summary.rmseCi());
  }
}
