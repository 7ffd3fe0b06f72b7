package dev.assay.evaluation;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The word-overlap baseline: predicts the human score of the seed answer (or the reference answer,
 * worth full marks) that shares the most words with the answer (Jaccard over word sets).
 */
final class WordOverlap {
  private WordOverlap() {}

  static double nearestScore(EvalRow row, List<EvalRow> seeds) {
    Set<String> words = words(row.answer());
    double best = jaccard(words, words(row.referenceAnswer()));
    double score = 1.0;
    for (EvalRow seed : seeds) {
      double j = jaccard(words, words(seed.answer()));
      if (j > best) {
        best = j;
        score = seed.normalised();
      }
    }
    return score;
  }

  static Set<String> words(String text) {
    return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
        .filter(w -> !w.isEmpty())
        .collect(Collectors.toSet());
  }

  static double jaccard(Set<String> a, Set<String> b) {
    if (a.isEmpty() && b.isEmpty()) {
      return 0;
    }
    Set<String> union = new HashSet<>(a);
    union.addAll(b);
    Set<String> both = new HashSet<>(a);
    both.retainAll(b);
    return (double) both.size() / union.size();
  }
}
