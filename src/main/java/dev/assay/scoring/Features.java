package dev.assay.scoring;

import dev.assay.embedding.Embedding;
import dev.assay.text.AnswerText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The learned scorer's features of an answer against its question's retrieved exemplars. Chosen by
 * backward elimination over SAF, Beetle, SciEntsBank and the gold set under several protocols
 * (docs/evaluation.md): three nearest-neighbour estimates, closeness to the best-scored exemplars
 * (embedding, words, sentence coverage, content-word recall and precision with the question's own
 * words removed), the amount of new content, and length relative to the best exemplars.
 */
public final class Features {
  /** Bumped whenever a feature's definition changes: models of another version are not used. */
  public static final String VERSION = "f1";

  public static final List<String> NAMES =
      List.of(
          "knn",
          "knn_soft",
          "knn_lex",
          "sim_hi",
          "jac_hi",
          "jac_lo",
          "cover_hi",
          "recall_hi",
          "prec_hi",
          "new_words",
          "len_ratio");

  static final int KNN = 0;
  static final int KNN_SOFT = 1;
  static final int KNN_LEX = 2;
  static final int SIM_HI = 3;

  /** Shares at or above this are "high" exemplars (the strong label's threshold). */
  private static final double HIGH = 0.75;

  /** Shares below this are "low" exemplars (the weak label's threshold). */
  private static final double LOW = 0.4;

  private Features() {}

  /** The feature vector (NaN where a feature is undefined), or null without any neighbour. */
  public static double[] of(Evidence e) {
    List<Evidence.Neighbour> all = e.neighbours();
    if (all.isEmpty()) {
      return null;
    }
    double[] sims = all.stream().mapToDouble(Evidence.Neighbour::similarity).toArray();
    double[] shares = all.stream().mapToDouble(Evidence.Neighbour::share).toArray();
    double[] jaccard =
        all.stream().mapToDouble(n -> AnswerText.jaccard(e.answerWords(), n.words())).toArray();
    List<Evidence.Neighbour> high = high(all);
    List<Evidence.Neighbour> low = all.stream().filter(n -> n.share() < LOW).toList();
    Set<String> newContent = minus(e.answerContent(), e.questionContent());
    Set<String> highContent = new HashSet<>();
    high.forEach(n -> highContent.addAll(minus(n.content(), e.questionContent())));

    double[] f = new double[NAMES.size()];
    f[KNN] = weighted(sims, shares, 0.05);
    f[KNN_SOFT] = weighted(sims, shares, 0.2);
    f[KNN_LEX] = weighted(jaccard, shares, 0.03);
    f[SIM_HI] = high.stream().mapToDouble(Evidence.Neighbour::similarity).max().orElseThrow();
    f[4] =
        high.stream()
            .mapToDouble(n -> AnswerText.jaccard(e.answerWords(), n.words()))
            .max()
            .orElseThrow();
    f[5] =
        low.stream()
            .mapToDouble(n -> AnswerText.jaccard(e.answerWords(), n.words()))
            .max()
            .orElse(Double.NaN);
    f[6] = high.stream().mapToDouble(n -> coverage(n, e)).max().orElseThrow();
    f[7] =
        high.stream()
            .mapToDouble(
                n -> {
                  Set<String> own = minus(n.content(), e.questionContent());
                  return (double) intersection(own, e.answerContent()) / Math.max(1, own.size());
                })
            .max()
            .orElseThrow();
    f[8] = (double) intersection(newContent, highContent) / Math.max(1, newContent.size());
    f[9] = Math.log1p(newContent.size());
    double[] lengths = high.stream().mapToDouble(Evidence.Neighbour::wordCount).sorted().toArray();
    f[10] = Math.log((e.answerWordCount() + 1.0) / (median(lengths) + 1.0));
    return f;
  }

  /** Exemplars scored at least {@value #HIGH} of the scale, else the best-scored ones. */
  private static List<Evidence.Neighbour> high(List<Evidence.Neighbour> all) {
    List<Evidence.Neighbour> high = all.stream().filter(n -> n.share() >= HIGH).toList();
    if (!high.isEmpty()) {
      return high;
    }
    double top = all.stream().mapToDouble(Evidence.Neighbour::share).max().orElseThrow();
    return all.stream().filter(n -> n.share() == top).toList();
  }

  /**
   * How much of an exemplar's content the answer covers: each exemplar sentence's best cosine to an
   * answer sentence, averaged with weights that demote sentences close to the question itself.
   */
  private static double coverage(Evidence.Neighbour n, Evidence e) {
    if (n.sentences().isEmpty() || e.answerSentences().isEmpty()) {
      return 0;
    }
    double sum = 0;
    double weights = 0;
    for (Embedding s : n.sentences()) {
      double best = -1;
      for (Embedding a : e.answerSentences()) {
        best = Math.max(best, s.cosine(a));
      }
      double w = Math.max(0.05, Math.min(1, 1 - s.cosine(e.questionVector())));
      sum += w * best;
      weights += w;
    }
    return sum / weights;
  }

  /** Softmax(x / temperature)-weighted mean of the shares. */
  static double weighted(double[] x, double[] shares, double temperature) {
    double top = Arrays.stream(x).max().orElse(0);
    double sum = 0;
    double norm = 0;
    for (int i = 0; i < x.length; i++) {
      double w = Math.exp((x[i] - top) / temperature);
      sum += w * shares[i];
      norm += w;
    }
    return sum / norm;
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static Set<String> minus(Set<String> a, Set<String> b) {
    Set<String> out = new HashSet<>(a);
    out.removeAll(b);
    return out;
  }

  private static int intersection(Set<String> a, Set<String> b) {
    List<String> both = new ArrayList<>(a);
    both.retainAll(b);
    return both.size();
  }
}
