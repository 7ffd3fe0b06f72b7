package dev.assay.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.exemplar.ExemplarSpec;
import dev.assay.support.Words;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The hints of the built-in bank point a candidate at a topic without handing out the answer key:
 * every criterion has one, and none shares a run of {@value #RUN} words with a level descriptor or
 * an exemplar of its question, or names a figure.
 */
class BuiltInHintsTest {
  private static final int RUN = 5;

  private static Set<String> runs(String text) {
    return Words.runs(text, RUN);
  }

  /** Every level descriptor and exemplar text of the question: the answer key. */
  private static List<String> answerKey(QuestionSpec q) {
    List<String> texts = new ArrayList<>();
    for (CriterionSpec c : q.rubric().criteria()) {
      texts.addAll(List.of(c.levels().strong(), c.levels().acceptable(), c.levels().weak()));
    }
    q.exemplars().stream().map(ExemplarSpec::text).forEach(texts::add);
    return texts;
  }

  @Test
  void everyBuiltInCriterionHasAHintInItsOwnWords() {
    List<QuestionSpec> questions = BankFiles.builtIn().questions();
    int hints = 0;
    List<String> problems = new ArrayList<>();
    for (QuestionSpec q : questions) {
      Set<String> key = new HashSet<>();
      answerKey(q).forEach(t -> key.addAll(runs(t)));
      Set<String> seen = new HashSet<>();
      for (CriterionSpec c : q.rubric().criteria()) {
        String at = q.id() + "/" + c.key();
        String hint = c.hint();
        if (hint == null || hint.isBlank()) {
          problems.add(at + ": no hint");
          continue;
        }
        hints++;
        if (hint.length() > CriterionSpec.HINT_MAX) {
          problems.add(at + ": " + hint.length() + " characters");
        }
        if (hint.chars().anyMatch(Character::isDigit)) {
          problems.add(at + ": names a figure: " + hint);
        }
        if (!seen.add(hint)) {
          problems.add(at + ": same hint as another criterion");
        }
        for (String run : runs(hint)) {
          if (key.contains(run)) {
            problems.add(at + ": shares \"" + run + "\" with a descriptor or exemplar");
          }
        }
      }
    }
    assertEquals(List.of(), problems);
    assertTrue(questions.size() >= 23, "built-in questions: " + questions.size());
    assertEquals(
        questions.stream().mapToInt(q -> q.rubric().criteria().size()).sum(),
        hints,
        "one hint per criterion");
  }

  @Test
  void theRunCheckFindsACopiedDescriptor() {
    QuestionSpec q = BankFiles.builtIn().questions().get(0);
    Set<String> key = new HashSet<>();
    answerKey(q).forEach(t -> key.addAll(runs(t)));
    String copied = "Try this: " + q.rubric().criteria().get(0).levels().strong();
    assertTrue(runs(copied).stream().anyMatch(key::contains));
  }
}
