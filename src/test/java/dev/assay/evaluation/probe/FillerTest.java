package dev.assay.evaluation.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.evaluation.EvalCommand;
import dev.assay.evaluation.EvalOptions;
import dev.assay.evaluation.EvalRow;
import dev.assay.evaluation.EvalRunner;
import dev.assay.grading.GradeView;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Filler that adds no content does not raise the offline grader's score (issue 14): real answers of
 * the shipped SAF subset, graded through the real pipeline in a workspace set up as {@code assay
 * probe} sets it up (real embedding model, real database, the shipped prior), then again with the
 * probe's filler and with a filler of other words, so the property is not one string's.
 */
@QuarkusTest
class FillerTest {
  /** Filler of other words than the probe's: a greeting, a boast and a sign-off. */
  static String ownFiller(String answer) {
    return "Good afternoon! I studied hard for this interview and I really enjoy learning new"
        + " things.\n"
        + answer
        + "\nThanks a lot for reading my response; have a wonderful day.";
  }

  /**
   * A change beyond the probe's threshold counts as a move (0.01 of the scale). Single answers
   * still move either way (the whole answer's embedding, and so the retrieved exemplars, change
   * with any added text), so the property is on the mean, which must not rise, and on the direction
   * of the moves: no more answers raised than lowered. The grader before the off-topic guard failed
   * both on these answers (its probe report, the same answers: probe filler mean +0.055, 7 raised,
   * 2 lowered).
   */
  private static final double MOVED = 0.01;

  @Inject EvalCommand eval;
  @Inject EvalRunner runner;

  @Test
  void fillerDoesNotRaiseTheOfflineScore() {
    EvalOptions options = EvalOptions.parse(SafSubset.slice(3, 4));
    EvalCommand.Setup setup = eval.setup(options);
    EvalRunner.Prepared prepared =
        runner.prepare(
            setup.owner(), setup.dataset(), options, setup.rows(), setup.config(), false);
    try {
      Random random = new Random(1);
      List<UnaryOperator<String>> fillers =
          List.of(a -> Perturbation.FILLER.variant(a, random), FillerTest::ownFiller);
      List<List<Double>> shifts = shifts(prepared, setup, fillers);

      assertEquals(12, shifts.get(0).size());
      for (List<Double> change : shifts) {
        double mean = change.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        long raised = change.stream().filter(d -> d > MOVED).count();
        long lowered = change.stream().filter(d -> d < -MOVED).count();
        assertTrue(mean <= 0, "mean change " + mean + " of " + change);
        assertTrue(raised <= lowered, raised + " raised, " + lowered + " lowered: " + change);
      }
    } finally {
      runner.remove(prepared);
    }
  }

  /** Per filler and answer: the score with filler minus the score without, shares of the scale. */
  private List<List<Double>> shifts(
      EvalRunner.Prepared prepared, EvalCommand.Setup setup, List<UnaryOperator<String>> fillers) {
    List<List<Double>> out = new ArrayList<>();
    fillers.forEach(f -> out.add(new ArrayList<>()));
    int row = 0;
    for (Map.Entry<String, List<EvalRow>> q : prepared.graded().entrySet()) {
      for (EvalRow r : q.getValue()) {
        String ref = "filler-" + row++;
        double base = share(runner.grade(prepared, q.getKey(), r.answer(), ref, setup.config()));
        for (int f = 0; f < fillers.size(); f++) {
          String padded = fillers.get(f).apply(r.answer());
          GradeView g = runner.grade(prepared, q.getKey(), padded, ref + "-" + f, setup.config());
          out.get(f).add(share(g) - base);
        }
      }
    }
    return out;
  }

  private static double share(GradeView g) {
    return g.overall().score() / g.overall().maxScore();
  }
}
