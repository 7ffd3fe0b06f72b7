package dev.assay.grading.manipulation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rubric terms piled up without statements about them. The answer is cut into runs of words with no
 * function word ("the", "is", "because") and no sentence end between them; a statement has function
 * words every few words, a keyword list has none. A run is stuffing when it is long and mostly made
 * of the question's and rubric's own terms.
 */
final class KeywordStuffing {
  /** A run this long, at least {@link #RUBRIC_SHARE} of it rubric terms, is a keyword list. */
  static final int MIN_RUN = 10;

  /** A shorter run counts when the same terms repeat. */
  static final int MIN_REPEATED_RUN = 6;

  static final double RUBRIC_SHARE = 0.5;

  private static final Pattern WORD =
      Pattern.compile("[\\p{L}\\p{N}](?:[\\p{L}\\p{N}'_@.+#-]*[\\p{L}\\p{N}+#])?");
  private static final Pattern SENTENCE_END = Pattern.compile("[.!?;]\\s|[.!?;]$");

  private static final Set<String> FUNCTION_WORDS =
      Set.of(
          "a",
          "an",
          "the",
          "and",
          "or",
          "but",
          "nor",
          "so",
          "yet",
          "if",
          "then",
          "than",
          "because",
          "since",
          "as",
          "while",
          "when",
          "where",
          "which",
          "who",
          "whom",
          "whose",
          "that",
          "this",
          "these",
          "those",
          "it",
          "its",
          "i",
          "we",
          "you",
          "he",
          "she",
          "they",
          "me",
          "us",
          "him",
          "her",
          "them",
          "my",
          "our",
          "your",
          "their",
          "is",
          "are",
          "was",
          "were",
          "be",
          "been",
          "being",
          "am",
          "do",
          "does",
          "did",
          "have",
          "has",
          "had",
          "will",
          "would",
          "shall",
          "should",
          "can",
          "could",
          "may",
          "might",
          "must",
          "to",
          "of",
          "in",
          "on",
          "at",
          "by",
          "for",
          "with",
          "from",
          "into",
          "onto",
          "over",
          "under",
          "about",
          "after",
          "before",
          "between",
          "through",
          "during",
          "without",
          "within",
          "per",
          "via",
          "not",
          "no",
          "only",
          "also",
          "too",
          "very",
          "just",
          "all",
          "any",
          "each",
          "every",
          "some",
          "more",
          "most",
          "less",
          "least",
          "how",
          "why",
          "what",
          "there",
          "here",
          "up",
          "out",
          "off",
          "down",
          "use",
          "used",
          "using",
          "would've",
          "i'd",
          "i'll",
          "we'd",
          "we'll",
          "it's",
          "don't",
          "isn't",
          "won't",
          "can't",
          "get",
          "make",
          "keep",
          "need",
          "want",
          "let",
          "like",
          "both",
          "either",
          "first",
          "second",
          "instead",
          "rather",
          "whether",
          "though",
          "although");

  private KeywordStuffing() {}

  /** A keyword run: its character span in the answer and its size. */
  record Run(int start, int end, int words, int rubricWords) {}

  /** The stuffed runs of {@code answer}, given the question's and rubric's terms. */
  static List<Run> find(String answer, Set<String> rubricTerms) {
    List<Run> out = new ArrayList<>();
    Matcher m = WORD.matcher(answer);
    List<int[]> run = new ArrayList<>();
    int previousEnd = 0;
    while (m.find()) {
      String word = m.group().toLowerCase(Locale.ROOT);
      boolean breaks =
          FUNCTION_WORDS.contains(word)
              || SENTENCE_END.matcher(answer.substring(previousEnd, m.start())).find();
      if (breaks) {
        close(answer, run, rubricTerms, out);
        run.clear();
      }
      if (!FUNCTION_WORDS.contains(word)) {
        run.add(new int[] {m.start(), m.end()});
      }
      previousEnd = m.end();
    }
    close(answer, run, rubricTerms, out);
    return out;
  }

  private static void close(String answer, List<int[]> run, Set<String> terms, List<Run> out) {
    if (run.size() < MIN_REPEATED_RUN) {
      return;
    }
    int hits = 0;
    Set<String> distinct = new HashSet<>();
    for (int[] w : run) {
      String word = answer.substring(w[0], w[1]).toLowerCase(Locale.ROOT);
      distinct.add(stem(word));
      hits += terms.contains(stem(word)) ? 1 : 0;
    }
    boolean repeated = run.size() - distinct.size() >= 3;
    boolean long_ = run.size() >= MIN_RUN || (repeated && run.size() >= MIN_REPEATED_RUN);
    if (long_ && hits >= RUBRIC_SHARE * run.size()) {
      out.add(new Run(run.get(0)[0], run.get(run.size() - 1)[1], run.size(), hits));
    }
  }

  /** The terms of a text (question, rubric) as stems; function words are left out. */
  static Set<String> terms(String text) {
    Set<String> out = new HashSet<>();
    Matcher m = WORD.matcher(text);
    while (m.find()) {
      String word = m.group().toLowerCase(Locale.ROOT);
      if (!FUNCTION_WORDS.contains(word) && word.length() >= 3) {
        out.add(stem(word));
      }
    }
    return out;
  }

  /** A crude stem (the first six letters) so "calibrated" and "calibration" meet. */
  private static String stem(String word) {
    return word.length() <= 6 ? word : word.substring(0, 6);
  }
}
