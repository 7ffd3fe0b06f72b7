package dev.assay.review;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Finds any run of {@value #RUN} or more words that a text shares with reference texts (compared
 * lower-case, on letters and digits only), so candidate feedback never carries exemplar wording.
 */
final class LeakCheck {
  static final int RUN = 8;

  private final Set<String> references = new HashSet<>();

  LeakCheck(List<String> referenceTexts) {
    for (String text : referenceTexts) {
      references.addAll(runs(words(text)));
    }
  }

  /** The first shared run of {@value #RUN} words, if any. */
  Optional<String> sharedRun(String text) {
    return runs(words(text)).stream().filter(references::contains).findFirst();
  }

  private static List<String> words(String text) {
    return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
        .filter(w -> !w.isEmpty())
        .toList();
  }

  private static List<String> runs(List<String> words) {
    return java.util.stream.IntStream.rangeClosed(0, words.size() - RUN)
        .mapToObj(i -> String.join(" ", words.subList(i, i + RUN)))
        .toList();
  }
}
