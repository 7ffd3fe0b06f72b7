package dev.assay.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.exemplar.ExemplarMatch;
import dev.assay.exemplar.Label;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContentFloorTest {
  private static final String QUESTION =
      "Which metric should decide whether the deterioration model launches, and how would you pick"
          + " the alert threshold?";

  /** A written, essay-length good answer (over 100 words). */
  private static final String ESSAY =
      ("Accuracy means little at four percent prevalence, because a model that flags nobody is right"
              + " ninety-six times in a hundred. I would decide the launch on recall at the alert"
              + " capacity of the nurse team, with precision and the number of alerts per shift next"
              + " to it, and I would check calibration so that the scores mean what clinicians think"
              + " they mean. ")
          .repeat(2);

  private static ExemplarMatch exemplar(Label label, double similarity, String text) {
    return new ExemplarMatch("e-" + label, label, 3, Map.of(), "r", similarity, text);
  }

  private static Optional<ContentFloor.Reason> check(String answer, double similarity) {
    return ContentFloor.check(
        answer,
        QUESTION,
        List.of(
            exemplar(Label.STRONG, similarity, ESSAY),
            exemplar(Label.WEAK, similarity, "Accuracy is 96% so it is fine.")),
        new ContentFloor.Closeness(similarity, 0.7));
  }

  @Test
  void punctuationAloneHasNoWords() {
    assertEquals(Optional.of(ContentFloor.Reason.NO_WORDS), check(":", 0.2));
    assertEquals(Optional.of(ContentFloor.Reason.NO_WORDS), check("?!... --", 0.2));
  }

  @Test
  void aStockNonAnswerIsOne() {
    assertEquals(Optional.of(ContentFloor.Reason.NON_ANSWER), check("I don't know.", 0.5));
    assertEquals(Optional.of(ContentFloor.Reason.NON_ANSWER), check("N/A", 0.5));
  }

  @Test
  void textSharingNothingWithTheQuestionAndFarFromEveryExemplarIsUnrelated() {
    assertEquals(Optional.of(ContentFloor.Reason.UNRELATED), check("asdf qwer zxcv", 0.3));
    assertEquals(
        Optional.of(ContentFloor.Reason.UNRELATED),
        check("Fold the flour into the starter and let the dough rise overnight.", 0.75));
  }

  @Test
  void anAnswerInTheQuestionsOwnTermsIsRelated() {
    assertTrue(
        check("I would set the alert threshold from the nurses' capacity and check recall.", 0.3)
            .isEmpty());
  }

  @Test
  void onAShortAnswerQuestionOnlyDistanceFromEveryExemplarMakesTextUnrelated() {
    List<ExemplarMatch> shortAnswers =
        List.of(exemplar(Label.STRONG, 0.5, "The terminals are connected."));
    assertTrue(
        ContentFloor.check(
                "Because the switch was closed.",
                "Why did the bulb light?",
                shortAnswers,
                new ContentFloor.Closeness(0.5, 0.55))
            .isEmpty());
    assertEquals(
        Optional.of(ContentFloor.Reason.UNRELATED),
        ContentFloor.check(
            "We went sailing on Sunday.",
            "Why did the bulb light?",
            shortAnswers,
            new ContentFloor.Closeness(0.4, 0.6)));
  }

  @Test
  void aListOfTermsIsNoAnswerToAQuestionAskingForProse() {
    assertEquals(
        Optional.of(ContentFloor.Reason.KEYWORD_LIST),
        check("recall, precision, calibration, threshold, capacity, alarm fatigue", 0.7));
  }

  @Test
  void sayingTheQuestionBackAddsNothing() {
    assertEquals(
        Optional.of(ContentFloor.Reason.RESTATES_QUESTION),
        check(
            "Which metric should decide whether the model launches and the alert threshold?", 0.8));
  }

  @Test
  void shortAnswerQuestionsMayBeAnsweredWithAList() {
    Optional<ContentFloor.Reason> r =
        ContentFloor.check(
            "Sequence number, Acknowledgement number, Urgent pointer, Advertised window",
            "Name four fields of the TCP header.",
            List.of(
                exemplar(
                    Label.STRONG, 0.7, "Sequence number, ACK number, window size and checksum.")),
            new ContentFloor.Closeness(0.7, Double.NaN));
    assertTrue(r.isEmpty());
  }
}
