package dev.assay.evaluation.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.assay.text.AnswerText;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** The perturbations change form only: what they keep is checked over generated answers. */
class PerturbationTest {
  private static final List<String> WORDS =
      List.of(
          "the",
          "a",
          "bulb",
          "A",
          "circuit",
          "he",
          "his",
          "She",
          "color",
          "organize",
          "battery",
          "is",
          "closed",
          "terminal",
          "voltage",
          "because",
          "John",
          "center",
          "size",
          "an");

  /** Answers of one to four sentences built from a small vocabulary. */
  private static Gen<String> answers() {
    Gen<String> sentence =
        lists()
            .of(integers().between(0, WORDS.size() - 1).map(WORDS::get))
            .ofSizeBetween(2, 12)
            .map(ws -> String.join(" ", ws) + ".");
    return lists()
        .of(sentence)
        .ofSizeBetween(1, 4)
        .map(
            ss ->
                String.join(" ", ss).substring(0, 1).toUpperCase()
                    + String.join(" ", ss).substring(1));
  }

  private static List<String> sortedWords(String text) {
    return AnswerText.wordSet(text).stream().sorted().toList();
  }

  @Test
  void fillerKeepsTheWholeAnswerAndOnlyAddsWords() {
    qt().forAll(answers()).check(a -> Perturbation.FILLER.variant(a, new Random(1)).contains(a));
  }

  @Test
  void reorderingKeepsEverySentence() {
    qt().forAll(answers())
        .check(
            a -> {
              String v = Perturbation.REORDERED.variant(a, new Random(1));
              List<String> before =
                  AnswerText.sentences(a).stream().map(s -> s.text().strip()).sorted().toList();
              List<String> after =
                  AnswerText.sentences(v).stream().map(s -> s.text().strip()).sorted().toList();
              return before.equals(after);
            });
  }

  @Test
  void typosKeepLengthLettersAndWordCount() {
    qt().forAll(answers(), integers().between(0, 1000))
        .check(
            (a, seed) -> {
              String v = Perturbation.TYPOS.variant(a, new Random(seed));
              char[] x = a.toCharArray();
              char[] y = v.toCharArray();
              java.util.Arrays.sort(x);
              java.util.Arrays.sort(y);
              return java.util.Arrays.equals(x, y)
                  && AnswerText.wordCount(a) == AnswerText.wordCount(v);
            });
  }

  @Test
  void droppingArticlesTouchesNoOtherWordAndKeepsCapitalA() {
    qt().forAll(answers())
        .check(
            a -> {
              String v = Perturbation.NON_NATIVE.variant(a, new Random(1));
              String[] tokens = a.split(" ");
              List<String> expected = new java.util.ArrayList<>();
              for (int i = 0; i < tokens.length; i++) {
                boolean article = tokens[i].matches("the|an|a|The|An");
                if (!article || i == tokens.length - 1) {
                  expected.add(tokens[i]);
                }
              }
              return expected.equals(List.of(v.split(" ")));
            });
  }

  @Test
  void examplesOfEachKind() {
    assertEquals(
        "She said her circuit was closed by Mary herself.",
        Perturbation.PRONOUNS.variant("He said his circuit was closed by John himself.", null));
    assertEquals(
        "The colour of the centre organises the behaviour; size is kept.",
        Perturbation.BRITISH_SPELLING.variant(
            "The color of the center organizes the behavior; size is kept.", null));
    assertEquals(
        "bulb A is in closed path with battery.",
        Perturbation.NON_NATIVE.variant("The bulb A is in a closed path with the battery.", null));
    assertEquals(
        "Second one. First one.", Perturbation.REORDERED.variant("First one. Second one.", null));
    String typo = Perturbation.TYPOS.variant("The terminal is connected", new Random(3));
    assertNotEquals("The terminal is connected", typo);
    assertTrue(typo.startsWith("The t") || typo.startsWith("The terminal i"), typo);
    assertNotEquals(
        Perturbation.NAME.base("x"), Perturbation.NAME.variant("x", null), "the names differ");
  }
}
