package dev.assay.evaluation;

import dev.assay.text.AnswerText;
import java.util.List;
import java.util.Set;

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
    return AnswerText.wordSet(text);
  }

  static double jaccard(Set<String> a, Set<String> b) {
    return AnswerText.jaccard(a, b);
  }
}
