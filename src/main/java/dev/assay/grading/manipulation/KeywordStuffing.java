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
  /** A run this long, at least {@link #RUBRIC_SHARE} of it rubric terms, is a keyword list... */
  static final int MIN_RUN = 14;

  /** ...when it touches this many criteria (or all of them, if the rubric has fewer). */
  static final int MIN_CRITERIA = 3;

  /** Without a rubric to spread over (an eval set's generic one), a run must be this long. */
  static final int MIN_RUN_WITHOUT_CRITERIA = 20;

  static final double RUBRIC_SHARE = 0.6;

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

  /**
   * The stuffed runs of {@code answer}, given the question's and rubric's terms and each
   * criterion's own terms (empty when there is no rubric to spread over).
   */
  static List<Run> find(String answer, Set<String> rubricTerms, List<Set<String>> criteria) {
    List<Run> out = new ArrayList<>();
    Matcher m = WORD.matcher(answer);
    List<int[]> run = new ArrayList<>();
    int previousEnd = 0;
    while (m.find()) {
      String word = m.group().toLowerCase(Locale.ROOT);
      if (word.codePoints().noneMatch(Character::isLetter)) {
        continue;
      }
      boolean breaks =
          FUNCTION_WORDS.contains(word)
              || SENTENCE_END.matcher(answer.substring(previousEnd, m.start())).find();
      if (breaks) {
        close(answer, run, rubricTerms, criteria, out);
        run.clear();
      }
      if (!FUNCTION_WORDS.contains(word)) {
        run.add(new int[] {m.start(), m.end()});
      }
      previousEnd = m.end();
    }
    close(answer, run, rubricTerms, criteria, out);
    return out;
  }

  private static void close(
      String answer,
      List<int[]> run,
      Set<String> terms,
      List<Set<String>> criteria,
      List<Run> out) {
    if (run.size() < MIN_RUN) {
      return;
    }
    int hits = 0;
    Set<String> distinct = new HashSet<>();
    for (int[] w : run) {
      String stem = stem(answer.substring(w[0], w[1]).toLowerCase(Locale.ROOT));
      distinct.add(stem);
      hits += terms.contains(stem) ? 1 : 0;
    }
    long touched = criteria.stream().filter(c -> c.stream().anyMatch(distinct::contains)).count();
    boolean spread =
        criteria.isEmpty()
            ? run.size() >= MIN_RUN_WITHOUT_CRITERIA
            : touched >= Math.min(MIN_CRITERIA, criteria.size());
    if (spread && hits >= RUBRIC_SHARE * run.size()) {
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
