package dev.assay.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** The word diff shown between rubric versions: it must read back as both texts. */
class WordDiffTest {
  private static final List<String> WORDS =
      List.of("names", "a", "metric", "recall", "the", "trade-off", "cites", "threshold");

  private static Gen<String> texts() {
    return lists()
        .of(integers().between(0, WORDS.size() - 1).map(WORDS::get))
        .ofSizeBetween(0, 12)
        .map(words -> String.join(" ", words));
  }

  private static String read(WordDiff diff, WordDiff.Kind skipped) {
    return diff.runs().stream()
        .filter(r -> r.kind() != skipped)
        .map(WordDiff.Run::text)
        .collect(Collectors.joining(" "));
  }

  @Test
  void keptAndRemovedWordsAreTheOldTextAndKeptAndAddedTheNewOne() {
    qt().forAll(texts(), texts())
        .checkAssert(
            (before, after) -> {
              WordDiff diff = WordDiff.of(before, after);
              assertEquals(before, read(diff, WordDiff.Kind.ADDED));
              assertEquals(after, read(diff, WordDiff.Kind.REMOVED));
              assertEquals(!before.equals(after), diff.changed());
            });
  }

  @Test
  void aChangedWordIsRemovedAndAddedInPlace() {
    WordDiff diff = WordDiff.of("names a metric", "names a  threshold");
    assertEquals(
        List.of(
            new WordDiff.Run(WordDiff.Kind.KEPT, "names a"),
            new WordDiff.Run(WordDiff.Kind.REMOVED, "metric"),
            new WordDiff.Run(WordDiff.Kind.ADDED, "threshold")),
        diff.runs());
    assertFalse(WordDiff.of(" names  a ", "names a").changed(), "spacing alone is no change");
  }
}
