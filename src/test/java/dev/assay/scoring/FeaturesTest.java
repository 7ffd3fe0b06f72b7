package dev.assay.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.embedding.Embedding;
import dev.assay.text.AnswerText;
import dev.assay.text.ContentWords;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeaturesTest {
  private static final String QUESTION = "Which metric should decide the launch?";

  private static Embedding unit(double... v) {
    double n = 0;
    for (double x : v) {
      n += x * x;
    }
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = (float) (v[i] / Math.sqrt(n));
    }
    return new Embedding(f, 1, 1);
  }

  private static Evidence.Neighbour neighbour(double share, double similarity, String text) {
    return new Evidence.Neighbour(
        share,
        similarity,
        AnswerText.wordSet(text),
        ContentWords.of(text),
        AnswerText.wordCount(text),
        List.of(unit(1, 0)));
  }

  private static Evidence evidence(String answer, List<Evidence.Neighbour> neighbours) {
    return new Evidence(
        AnswerText.wordSet(answer),
        ContentWords.of(answer),
        AnswerText.wordCount(answer),
        List.of(unit(1, 0)),
        ContentWords.of(QUESTION),
        unit(0, 1),
        neighbours);
  }

  private static double feature(double[] f, String name) {
    return f[Features.NAMES.indexOf(name)];
  }

  @Test
  void noNeighboursNoFeatures() {
    assertNull(Features.of(evidence("anything at all", List.of())));
  }

  @Test
  void oneNeighbourGivesItsShareToEveryNeighbourEstimate() {
    double[] f =
        Features.of(
            evidence(
                "recall at the alert capacity decides",
                List.of(neighbour(0.8, 0.7, "recall at capacity"))));
    assertEquals(0.8, feature(f, "knn"), 1e-12);
    assertEquals(0.8, feature(f, "knn_soft"), 1e-12);
    assertEquals(0.8, feature(f, "knn_lex"), 1e-12);
    assertEquals(0.7, feature(f, "sim_hi"), 1e-12);
    assertTrue(Double.isNaN(feature(f, "jac_lo")), "no low exemplar: undefined");
  }

  @Test
  void repeatingTheQuestionEarnsNoContentRecall() {
    Evidence.Neighbour strong = neighbour(1.0, 0.9, "The launch metric is recall at capacity.");
    double echo =
        feature(
            Features.of(evidence("Which metric decides the launch?", List.of(strong))),
            "recall_hi");
    double content =
        feature(Features.of(evidence("Recall at capacity.", List.of(strong))), "recall_hi");
    assertEquals(0, echo, 1e-12);
    assertEquals(1, content, 1e-12);
  }

  @Test
  void lengthIsMeasuredAgainstTheBestExemplars() {
    Evidence.Neighbour strong = neighbour(1.0, 0.9, "one two three four five six seven");
    Evidence.Neighbour weak = neighbour(0.0, 0.9, "one");
    double[] f = Features.of(evidence("one two three", List.of(strong, weak)));
    assertEquals(Math.log(4.0 / 8.0), feature(f, "len_ratio"), 1e-12);
  }

  @Test
  void closerNeighboursWeighMoreInTheSharpEstimate() {
    double[] f =
        Features.of(
            evidence("x", List.of(neighbour(1.0, 0.9, "alpha"), neighbour(0.0, 0.5, "beta"))));
    assertTrue(feature(f, "knn") > 0.99);
    assertTrue(feature(f, "knn_soft") < feature(f, "knn"));
  }
}
