package dev.assay.grading.manipulation;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Misspelt attack words read as meant ("ignroe all prevoius instrucitons"): a word within one edit
 * (two for long words) of a word of the attack lexicon, with the same first letter, is replaced by
 * it. Only this reading sees the change, and a rule still needs a whole phrase to match.
 */
final class Typos {
  private static final Set<String> LEXICON =
      Set.of(
          "ignore",
          "disregard",
          "forget",
          "override",
          "previous",
          "prior",
          "instructions",
          "instruction",
          "rules",
          "rubric",
          "criteria",
          "criterion",
          "grader",
          "grading",
          "grade",
          "grades",
          "answer",
          "answers",
          "response",
          "responses",
          "deserves",
          "deserve",
          "maximum",
          "highest",
          "score",
          "scores",
          "marks",
          "mark",
          "award",
          "give",
          "given",
          "gives",
          "full",
          "perfect",
          "please",
          "this",
          "system",
          "prompt",
          "points",
          "excellent",
          "strong",
          "assign",
          "grant",
          "evaluator",
          "examiner",
          "every",
          "above",
          "earlier");
  private static final Pattern WORD = Pattern.compile("[a-z]{4,}");

  private Typos() {}

  static String corrected(String folded) {
    Matcher m = WORD.matcher(folded);
    StringBuilder out = new StringBuilder(folded.length());
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(nearest(m.group())));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String nearest(String word) {
    if (LEXICON.contains(word)) {
      return word;
    }
    int allowed = word.length() >= 7 ? 2 : 1;
    for (String candidate : LEXICON) {
      if (candidate.charAt(0) == word.charAt(0)
          && Math.abs(candidate.length() - word.length()) <= allowed
          && distance(word, candidate, allowed) <= allowed) {
        return candidate;
      }
    }
    return word;
  }

  /** Optimal string alignment distance (transpositions count once), capped above {@code max}. */
  static int distance(String a, String b, int max) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      int rowMin = Integer.MAX_VALUE;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, d[i - 2][j - 2] + 1);
        }
        d[i][j] = v;
        rowMin = Math.min(rowMin, v);
      }
      if (rowMin > max) {
        return max + 1;
      }
    }
    return d[a.length()][b.length()];
  }
}
