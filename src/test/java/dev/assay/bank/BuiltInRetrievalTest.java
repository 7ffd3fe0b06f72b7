package dev.assay.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.support.TestBank;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The acceptance check on the shipped bank: a paraphrase finds the exemplar it paraphrases. */
@QuarkusTest
class BuiltInRetrievalTest {
  private static final String QUESTION = "eval-deterioration-alert-threshold";

  // A paraphrase (written for this test) of the question's first strong exemplar (one chunk of
  // the 512-token model; EmbeddingServiceTest covers texts that span several).
  private static final String PARAPHRASE =
      "An accuracy of 96 percent means nothing here, because at 4 percent prevalence a model that never"
          + " alerts reaches the same number. The ROC-AUC of 0.91 looks better, but it averages across"
          + " thresholds nobody would use and conceals the false alarms that come with each true catch. The"
          + " real question is how many of the roughly ten patients who will deteriorate we catch within the"
          + " thirty alerts the team can handle in a shift. I would launch on sensitivity at a threshold giving"
          + " about thirty alerts per 250 patients, with precision at that point, and I would check"
          + " calibration since nurses will read a score of 0.7 as a seventy percent chance. I would choose"
          + " the threshold on a held-out later period, keeping each patient in a single split, plotting"
          + " alerts per shift against deteriorations caught, and lean to the lower threshold because a"
          + " missed deterioration costs far more than an extra check. To the clinical lead I would say: at"
          + " this setting we flag about 28 patients a shift, around 7 of the 10 who deteriorate are among"
          + " them, and three out of four alerts turn out fine; then we agree on overrides and watch for"
          + " alarm fatigue.";

  @Test
  void paraphraseOfABuiltInStrongExemplarFindsItFirst() {
    JsonPath r = TestBank.retrieve(QUESTION, PARAPHRASE, 3);

    assertEquals(1, r.getInt("answerChunks"));
    assertEquals(QUESTION + "-s1", r.getString("strong[0].id"), r.prettify());
    double best = r.getDouble("strong[0].similarity");
    List<Double> weak = r.getList("weak.similarity", Double.class);
    assertTrue(weak.stream().allMatch(w -> w < best), "weak " + weak + " vs strong " + best);
  }
}
