package dev.assay.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.assay.bank.CriterionSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CriterionSplitTest {
  private static CriterionSpec criterion(String key, double weight) {
    return new CriterionSpec(
        key, "what " + key + " covers", weight, new CriterionSpec.Levels("s", "a", "w"));
  }

  private static CriterionSplit.Evidence addressed(String key, double weight, double match) {
    return new CriterionSplit.Evidence(criterion(key, weight), match, 0, "strong", 0.5, 0.5);
  }

  private static CriterionSplit.Evidence unaddressed(String key, double weight) {
    return new CriterionSplit.Evidence(criterion(key, weight), 0.3, 0, "weak", 0.5, 0.2);
  }

  private static double weighted(double[] shares, List<CriterionSplit.Evidence> evidence) {
    double s = 0;
    double w = 0;
    for (int i = 0; i < shares.length; i++) {
      s += shares[i] * evidence.get(i).criterion().weight();
      w += evidence.get(i).criterion().weight();
    }
    return s / w;
  }

  @Test
  void criteriaAverageToTheOverallScoreWhenNothingIsCapped() {
    qt().withExamples(200)
        .forAll(
            doubles().between(0, 1), lists().of(doubles().between(0.5, 0.9)).ofSizeBetween(1, 6))
        .check(
            (overall, matches) -> {
              List<CriterionSplit.Evidence> evidence = new ArrayList<>();
              for (int i = 0; i < matches.size(); i++) {
                evidence.add(addressed("c" + i, 1.0 / matches.size(), matches.get(i)));
              }
              double[] shares = CriterionSplit.split(overall, evidence);
              return Math.abs(weighted(shares, evidence) - overall) < 1e-6;
            });
  }

  @Test
  void anUnaddressedCriterionStaysAtTheWeakLevel() {
    List<CriterionSplit.Evidence> evidence =
        List.of(addressed("a", 0.5, 0.8), addressed("b", 0.3, 0.75), unaddressed("c", 0.2));
    double[] shares = CriterionSplit.split(0.7, evidence);
    assertTrue(shares[2] <= CriterionSplit.UNADDRESSED_CAP + 1e-12);
    assertEquals(0.7, weighted(shares, evidence), 1e-6);
  }

  @Test
  void neighboursThatScoreWellOnACriterionKeepItAddressed() {
    CriterionSplit.Evidence e =
        new CriterionSplit.Evidence(criterion("a", 1), 0.3, 0, "weak", 0.5, 0.7);
    assertTrue(e.addressed());
  }

  @Test
  void theBetterEvidencedCriterionScoresHigher() {
    List<CriterionSplit.Evidence> evidence =
        List.of(addressed("a", 0.5, 0.85), addressed("b", 0.5, 0.6));
    double[] shares = CriterionSplit.split(0.5, evidence);
    assertTrue(shares[0] > shares[1]);
  }

  @Test
  void whenEveryCriterionIsUnaddressedNoneExceedsTheCap() {
    List<CriterionSplit.Evidence> evidence = List.of(unaddressed("a", 0.5), unaddressed("b", 0.5));
    double[] shares = CriterionSplit.split(0.9, evidence);
    for (double s : shares) {
      assertTrue(s <= CriterionSplit.UNADDRESSED_CAP + 1e-12);
    }
  }
}
