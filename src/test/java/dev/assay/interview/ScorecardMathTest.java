package dev.assay.interview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScorecardMathTest {
  private static final Map<String, Double> WEIGHTS = Map.of("a", 0.5, "b", 0.3, "c", 0.2);

  @Test
  void overallIsTheWeightedMeanOfTheCoveredAreasAreasTheMeanOfTheirAnswers() {
    List<ScorecardMath.Answer> answers =
        List.of(
            new ScorecardMath.Answer("a", 0.8, 0.25),
            new ScorecardMath.Answer("a", 0.4, 0.25),
            new ScorecardMath.Answer("b", 1.0, 0.1),
            new ScorecardMath.Answer("x", 0.0, 0.25));

    ScorecardMath.Result r = ScorecardMath.combine(WEIGHTS, answers, 0.2);

    assertEquals(0.6, r.areas().get("a").mean(), 1e-12);
    assertEquals(1.0, r.areas().get("b").mean(), 1e-12);
    // Area c has no answer; x carries no weight and does not count.
    assertEquals((0.5 * 0.6 + 0.3 * 1.0) / 0.8, r.overall(), 1e-12);
    assertEquals(0.8, r.coverage(), 1e-12);
    // Var(a) = 2 * (0.04 + 0.0625) / 4, Var(b) = (0.04 + 0.01) / 1; weights 5/8 and 3/8.
    double expected = 25.0 / 64 * 0.05125 + 9.0 / 64 * 0.05;
    assertEquals(expected, r.variance(), 1e-12);
    assertEquals((0.5 * 0.6 + 0.3 * 1.0) / 1.0, r.ifMissingScored(0), 1e-12);
    assertEquals((0.5 * 0.6 + 0.3 * 1.0 + 0.2) / 1.0, r.ifMissingScored(1), 1e-12);
  }

  @Test
  void noWeightedAnswerMeansNoOverallScore() {
    ScorecardMath.Result r =
        ScorecardMath.combine(WEIGHTS, List.of(new ScorecardMath.Answer("x", 1, 0.25)), 0.2);
    assertNull(r.overall());
    assertNull(r.interval());
    assertEquals(0, r.coverage());
    assertEquals(0, r.ifMissingScored(0));
    assertEquals(1, r.ifMissingScored(1), 1e-12);
  }

  @Test
  void theIntervalNarrowsWithEveryFurtherAnswerAndStaysOnTheScale() {
    qt().forAll(
            lists().of(doubles().between(0, 1)).ofSizeBetween(1, 30),
            integers().between(0, 2),
            doubles().between(0.01, 0.5))
        .checkAssert(
            (shares, area, sd) -> {
              String key = List.of("a", "b", "c").get(area);
              double previous = Double.POSITIVE_INFINITY;
              List<ScorecardMath.Answer> answers = new ArrayList<>();
              for (double share : shares) {
                answers.add(new ScorecardMath.Answer(key, share, 0.25));
                ScorecardMath.Result r = ScorecardMath.combine(WEIGHTS, answers, sd);
                ScorecardMath.Interval i = r.interval();
                double width = i.high() - i.low();
                assertTrue(i.low() >= 0 && i.high() <= 1);
                assertTrue(i.low() <= r.overall() && r.overall() <= i.high());
                // Clipping to the scale can only narrow it, so compare the unclipped spread.
                double spread = Math.sqrt(r.variance());
                assertTrue(spread < previous, "spread " + spread + " after " + previous);
                assertTrue(width <= 2 * ScorecardMath.Z95 * spread + 1e-12);
                previous = spread;
              }
            });
  }

  @Test
  void oneAnswerStillHasAWideIntervalNotAPoint() {
    ScorecardMath.Result r =
        ScorecardMath.combine(WEIGHTS, List.of(new ScorecardMath.Answer("a", 0.5, 0.25)), 0.2);
    assertEquals(0.04 + 0.0625, r.variance(), 1e-12);
    // 0.5 +/- 0.63, clipped to the scale: one answer says little.
    assertEquals(0, r.interval().low());
    assertEquals(1, r.interval().high());
    ScorecardMath.Result good =
        ScorecardMath.combine(WEIGHTS, List.of(new ScorecardMath.Answer("a", 0.9, 0.1)), 0.2);
    assertEquals(0.9 - ScorecardMath.Z95 * Math.sqrt(0.05), good.interval().low(), 1e-9);
  }

  @Test
  void trustLevelsFollowTheDocumentedRules() {
    List<Scorecard.Gap> none = List.of();
    assertEquals(
        "high", TrustRules.level(new TrustRules.Facts(12, 0.95, 0.12, none, 0, 0, 0, false)));
    assertEquals(
        "medium", TrustRules.level(new TrustRules.Facts(12, 0.95, 0.12, none, 1, 0, 0, false)));
    assertEquals(
        "low", TrustRules.level(new TrustRules.Facts(12, 0.55, 0.12, none, 0, 0, 0, false)));
    assertEquals(
        "low", TrustRules.level(new TrustRules.Facts(12, 0.95, 0.26, none, 0, 0, 0, false)));
    assertEquals(
        "low", TrustRules.level(new TrustRules.Facts(6, 0.95, 0.12, none, 0, 0, 3, false)));
    assertEquals("low", TrustRules.level(new TrustRules.Facts(0, 0, null, none, 0, 0, 0, false)));
  }
}
