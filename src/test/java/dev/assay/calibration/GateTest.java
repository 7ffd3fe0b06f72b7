package dev.assay.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.evaluation.EvalReport;
import dev.assay.metrics.Agreement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The promotion rule on hand-made runs: which metric refuses, by how much, with what margin. */
class GateTest {
  private static final double[] HUMAN = {0, 0.25, 0.5, 0.75, 1, 0, 0.25, 0.5, 0.75, 1, 0.5, 0.5};

  private static GateConfig config(List<String> metrics, int minRows) {
    return new GateConfig() {
      public List<GateMetric> metrics() {
        return metrics.stream().map(GateMetric::fromWire).toList();
      }

      public double qwkMargin() {
        return 0.02;
      }

      public double smdMargin() {
        return 0.10;
      }

      public double pearsonMargin() {
        return 0.02;
      }

      public double rmseMargin() {
        return 0.01;
      }

      public int minRows() {
        return minRows;
      }
    };
  }

  /** A run that predicted {@code p} for the human scores above. */
  private static EvalReport run(double... p) {
    List<EvalReport.Prediction> predictions = new ArrayList<>();
    for (int i = 0; i < p.length; i++) {
      predictions.add(new EvalReport.Prediction("q", p[i], HUMAN[i], 10));
    }
    return new EvalReport(
        null,
        "gate",
        "p",
        null,
        "w",
        1,
        0,
        p.length,
        0,
        0.25,
        Map.of(),
        Agreement.summarise(p, HUMAN, 1.0, 0.25, 200, 1),
        Map.of(),
        Map.of(),
        Map.of(),
        null,
        Map.of(),
        Map.of(),
        0,
        predictions,
        0,
        0,
        "now",
        null);
  }

  private static double[] shifted(double by) {
    double[] p = HUMAN.clone();
    for (int i = 0; i < p.length; i++) {
      p[i] = Math.min(1, Math.max(0, p[i] + by));
    }
    return p;
  }

  @Test
  void aCandidateAsGoodAsTheActiveOnePassesEveryCheck() {
    Gate.Decision d =
        Gate.decide(
            run(HUMAN.clone()),
            run(HUMAN.clone()),
            config(List.of("qwk", "smd", "pearson", "rmse"), 10));

    assertTrue(d.promote(), d.reasons().toString());
    assertEquals(4, d.checks().size());
    d.checks().values().forEach(c -> assertEquals(0.0, c.change(), 1e-12));
    assertNotNull(d.checks().get("qwk").changeCi(), "same answers: a paired interval");
  }

  @Test
  void aLenientCandidateFailsSmdThoughItsOrderIsPerfect() {
    // Every score a quarter higher: the ranking is intact, the mean is not.
    Gate.Decision d =
        Gate.decide(run(HUMAN.clone()), run(shifted(0.25)), config(List.of("smd"), 10));

    assertFalse(d.promote());
    assertTrue(d.reasons().get(0).startsWith("|SMD|"), d.reasons().toString());
    assertFalse(d.checks().get("smd").passed());
  }

  @Test
  void rmseAndPearsonRefuseWhenConfigured() {
    double[] noisy = {0.5, 0.25, 0.25, 1, 0.75, 0.25, 0, 0.75, 0.5, 0.75, 0.25, 0.75};

    Gate.Decision rmseOnly =
        Gate.decide(run(HUMAN.clone()), run(noisy), config(List.of("rmse"), 10));
    Gate.Decision pearsonOnly =
        Gate.decide(run(HUMAN.clone()), run(noisy), config(List.of("pearson"), 10));

    assertTrue(rmseOnly.reasons().get(0).startsWith("RMSE"), rmseOnly.reasons().toString());
    assertTrue(
        pearsonOnly.reasons().get(0).startsWith("PEARSON"), pearsonOnly.reasons().toString());
    assertEquals(0.01, rmseOnly.checks().get("rmse").margin());
  }

  @Test
  void tooFewGateAnswersIsARefusalAndUnknownMetricsFailFast() {
    Gate.Decision d =
        Gate.decide(run(HUMAN.clone()), run(HUMAN.clone()), config(List.of("qwk"), 20));

    assertFalse(d.promote());
    assertTrue(d.reasons().get(0).contains("at least 20"), d.reasons().toString());
    assertThrows(IllegalArgumentException.class, () -> GateMetric.fromWire("f1"));
  }
}
