package dev.assay.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.assay.text.AnswerText.Sentence;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class AnswerTextTest {

  /** Pieces that exercise every splitting rule; joined at random they make awkward answers. */
  private static final List<String> FRAGMENTS =
      List.of(
          "Use recall",
          ". ",
          "! ",
          "? ",
          "?! ",
          "...",
          ".",
          "\n",
          "\r\n",
          "\n\n",
          " ",
          "\t",
          "\u00A0",
          "\u2028",
          "e.g. ",
          "i.e. ",
          "vs. ",
          "etc. ",
          "etc. Then",
          "0.91",
          "3.5. ",
          "- ",
          "* ",
          "1. ",
          "12) ",
          "a. ",
          "\"quoted.\" ",
          "(aside.) ",
          "ﬁne",
          "Ｆ１",
          "é",
          "e\u0301",
          " \u0301",
          "\u00A8",
          "😀",
          "模型",
          "don’t",
          "x > 0",
          "AUC",
          "Dr. ");

  private static Gen<String> awkwardAnswers() {
    return lists()
        .of(arbitrary().pick(FRAGMENTS))
        .ofSizeBetween(0, 40)
        .map(parts -> String.join("", parts));
  }

  private static List<String> texts(List<Sentence> sentences) {
    return sentences.stream().map(Sentence::text).toList();
  }

  @Test
  void normaliseFoldsCompatibilityFormsAndEveryKindOfWhitespace() {
    assertEquals(
        "F1 score is 0.91 fine",
        AnswerText.normalise("  Ｆ１\u00A0score\tis\r\n 0.91\u2007\u202F ﬁne \n"));
    assertEquals("", AnswerText.normalise(" \t\n\u00A0"));
  }

  @Test
  void dedupKeyIgnoresCaseSpacingAndPunctuationBetweenWords() {
    assertEquals(AnswerText.dedupKey("hello world"), AnswerText.dedupKey("Hello, World!"));
    assertEquals(
        AnswerText.dedupKey("Use recall; precision hides misses."),
        AnswerText.dedupKey("use recall \n precision hides misses"));
    assertEquals("hello world", AnswerText.dedupKey("  \"Hello\" -- (World)!  "));
  }

  @Test
  void dedupKeyKeepsPunctuationInsideWordsAndMeaningfulSymbols() {
    assertEquals(
        "don't use node.js at 0.91 state-of-the-art",
        AnswerText.dedupKey("Don’t use Node.js at 0.91, state-of-the-art."));
    assertNotEquals(AnswerText.dedupKey("Flag when x > 0"), AnswerText.dedupKey("Flag when x < 0"));
  }

  @Test
  void sentencesEndAtTerminatorsFollowedBySpaceAndAtLineBreaks() {
    String answer = "Use recall. Accuracy hides misses! Why?\nBecause classes are skewed";
    assertEquals(
        List.of("Use recall.", "Accuracy hides misses!", "Why?", "Because classes are skewed"),
        texts(AnswerText.sentences(answer)));
  }

  @Test
  void sentencesDoNotSplitDecimalsOrAbbreviations() {
    String answer =
        "AUC rose from 0.87 to 0.91 on the holdout. Use a strong baseline, e.g. logistic"
            + " regression, i.e. something simple. Compare XGBoost vs. a linear model. Done.";
    assertEquals(
        List.of(
            "AUC rose from 0.87 to 0.91 on the holdout.",
            "Use a strong baseline, e.g. logistic regression, i.e. something simple.",
            "Compare XGBoost vs. a linear model.",
            "Done."),
        texts(AnswerText.sentences(answer)));
  }

  @Test
  void listMarkersStayWithTheirLine() {
    String answer =
        "Steps:\n1. Split by time.\n2. Tune on validation.\n- Report recall.\n* Ship it";
    assertEquals(
        List.of(
            "Steps:",
            "1. Split by time.",
            "2. Tune on validation.",
            "- Report recall.",
            "* Ship it"),
        texts(AnswerText.sentences(answer)));
  }

  @Test
  void sentenceKeepsClosingQuotesAndExactOffsets() {
    String answer = "  He said \"stop.\" Then\u00A0we   left.\r\n\r\n";
    List<Sentence> sentences = AnswerText.sentences(answer);
    assertEquals(List.of("He said \"stop.\"", "Then\u00A0we   left."), texts(sentences));
    assertEquals(new Sentence("He said \"stop.\"", 2, 17), sentences.get(0));
  }

  @Test
  void etcEndsASentenceOnlyBeforeACapital() {
    assertEquals(1, AnswerText.sentences("Use precision, recall, etc. and compare.").size());
    assertEquals(2, AnswerText.sentences("Use precision, recall, etc. Then compare.").size());
  }

  @Test
  void blankTextHasNoSentences() {
    assertEquals(List.of(), AnswerText.sentences(""));
    assertEquals(List.of(), AnswerText.sentences(" \n\t\n "));
  }

  @Test
  void containsVerbatimToleratesWhitespaceButNotCaseOrEmptyQuotes() {
    String answer = "I would use\nrecall at the alert\u00A0capacity.";
    assertTrue(AnswerText.containsVerbatim(answer, "recall at the alert capacity"));
    assertTrue(AnswerText.containsVerbatim(answer, "  use   recall "));
    assertFalse(AnswerText.containsVerbatim(answer, "Recall at the alert capacity"));
    assertFalse(AnswerText.containsVerbatim(answer, "precision"));
    assertFalse(AnswerText.containsVerbatim(answer, " \n "));
    assertFalse(AnswerText.containsVerbatim(answer, ""));
  }

  @Test
  void wordCountCountsWordsNotPunctuation() {
    assertEquals(0, AnswerText.wordCount(""));
    assertEquals(0, AnswerText.wordCount(" - * ... "));
    assertEquals(6, AnswerText.wordCount("- Don't ship state-of-the-art models at 0.91!"));
    assertEquals(5, AnswerText.wordCount("使用模型 AUC"));
  }

  @Test
  void nullIsRejected() {
    assertThrows(NullPointerException.class, () -> AnswerText.normalise(null));
    assertThrows(NullPointerException.class, () -> AnswerText.sentences(null));
  }

  @Test
  void sentenceOffsetsAlwaysReproduceTheOriginalText() {
    qt().withExamples(2000)
        .forAll(awkwardAnswers())
        .checkAssert(AnswerTextTest::assertSentencesAreExactSlices);
    qt().withExamples(1000)
        .forAll(strings().allPossible().ofLengthBetween(0, 120))
        .checkAssert(AnswerTextTest::assertSentencesAreExactSlices);
  }

  @Test
  void everySentenceIsAVerbatimQuoteOfItsAnswer() {
    qt().withExamples(2000)
        .forAll(awkwardAnswers())
        .checkAssert(
            answer ->
                AnswerText.sentences(answer)
                    .forEach(
                        s -> assertTrue(AnswerText.containsVerbatim(answer, s.text()), s.text())));
  }

  @Test
  void normalisationAndDedupKeysAreIdempotent() {
    qt().withExamples(1000)
        .forAll(awkwardAnswers())
        .checkAssert(
            answer -> {
              String normal = AnswerText.normalise(answer);
              assertEquals(normal, AnswerText.normalise(normal));
              String key = AnswerText.dedupKey(answer);
              assertEquals(key, AnswerText.dedupKey(key));
            });
  }

  private static void assertSentencesAreExactSlices(String answer) {
    int previousEnd = 0;
    for (Sentence s : AnswerText.sentences(answer)) {
      assertEquals(answer.substring(s.start(), s.end()), s.text());
      assertFalse(s.text().isBlank());
      assertEquals(s.text(), s.text().strip());
      assertTrue(s.start() >= previousEnd, "sentences overlap or are out of order");
      previousEnd = s.end();
    }
  }
}
