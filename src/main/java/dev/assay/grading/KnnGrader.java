package dev.assay.grading;

import dev.assay.bank.CriterionSpec;
import dev.assay.bank.RubricSpec;
import dev.assay.embedding.Embedding;
import dev.assay.embedding.EmbeddingService;
import dev.assay.exemplar.ExemplarMatch;
import dev.assay.text.AnswerText;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The nearest-neighbour offline grader of earlier releases (configuration {@code scorer: knn}),
 * kept so it can be compared with the learned scorer side by side. Each criterion's score blends
 * two estimates: the similarity-weighted scores of the nearest exemplars (their per-criterion score
 * where they have one, else their overall score), and how close the answer's sentences come to the
 * criterion's strong, acceptable and weak descriptors. Citations are the answer's own sentences
 * that drove each estimate. Confidence is high when the answer sits close to exemplars that agree
 * with each other.
 */
@ApplicationScoped
class KnnGrader {
  static final String VERSION = "offline-knn-descriptor-v1";
  static final String LEXICAL_VERSION = "offline-knn-lexical-descriptor-v2";

  /** Softmax temperature over Jaccard word overlaps (lexical neighbour weights). */
  private static final double LEXICAL_TEMPERATURE = 0.03;

  /** Softmax temperature over exemplar similarities: lower trusts the nearest more. */
  private static final double NEIGHBOUR_TEMPERATURE = 0.05;

  /** Softmax temperature over descriptor similarities. */
  private static final double LEVEL_TEMPERATURE = 0.03;

  /** Weight of the exemplar estimate against the descriptor estimate. */
  private static final double EXEMPLAR_WEIGHT = 0.8;

  private final EmbeddingService embeddings;
  private final TextVectors vectors;

  KnnGrader(EmbeddingService embeddings, TextVectors vectors) {
    this.embeddings = embeddings;
    this.vectors = vectors;
  }

  /** The grader's version for provenance and the dedup signature. */
  static String version(double lexicalWeight) {
    return lexicalWeight > 0 ? LEXICAL_VERSION + "@" + lexicalWeight : VERSION;
  }

  /**
   * Grades the answer. With {@code lexicalWeight} w > 0 the neighbours' weights are (1 - w) times
   * their embedding-similarity weights plus w times weights from the words the answer shares with
   * each exemplar (softmax over Jaccard overlap): an answer that only sounds like a strong
   * exemplar, without its content words, leans less on it.
   */
  Verdict grade(GradingInput input, double lexicalWeight) {
    RubricSpec rubric = input.question().rubric();
    List<AnswerText.Sentence> sentences = AnswerText.sentences(input.answer());
    List<Embedding> sentenceVectors =
        embeddings.embedAll(sentences.stream().map(AnswerText.Sentence::text).toList());
    Neighbours neighbours =
        Neighbours.of(input.exemplars()).blendedWith(Neighbours.lexical(input), lexicalWeight);
    Map<String, TextVectors.LevelVectors> levels = vectors.levels(rubric);

    List<Verdict.CriterionGrade> criteria = new ArrayList<>();
    for (CriterionSpec c : rubric.criteria()) {
      TextVectors.LevelVectors lv = levels.get(c.key());
      LevelMatch match = LevelMatch.of(lv, input.answerVector(), sentenceVectors);
      double descriptorScore = match.expectedScore(rubric.scale());
      double score =
          neighbours.isEmpty()
              ? descriptorScore
              : EXEMPLAR_WEIGHT * neighbours.score(c.key())
                  + (1 - EXEMPLAR_WEIGHT) * descriptorScore;
      score = Math.round(Math.min(rubric.scale(), Math.max(0, score)) * 10) / 10.0;
      criteria.add(
          new Verdict.CriterionGrade(
              c.key(),
              score,
              rubric.scale(),
              rationale(c, match, neighbours),
              citations(sentences, sentenceVectors, lv, neighbours, input)));
    }
    double confidence =
        confidence(input.maxExemplarSimilarity(), neighbours.spread(rubric.scale()));
    return new Verdict(criteria, overallRationale(neighbours, input), confidence);
  }

  /** Closeness to any exemplar, and agreement among the neighbours, each in [0, 1]. */
  static double confidence(double maxSimilarity, double spread) {
    double closeness = clamp((maxSimilarity - 0.2) / 0.6);
    double agreement = 1 - clamp(spread);
    return Math.round((0.6 * closeness + 0.4 * agreement) * 1000) / 1000.0;
  }

  private static String rationale(CriterionSpec c, LevelMatch match, Neighbours neighbours) {
    String level = match.closestLevel();
    String near =
        neighbours.isEmpty()
            ? "No exemplars were available, so the score rests on the rubric descriptors alone."
            : String.format(
                "The nearest reference answers are mostly %s (weighted score %.1f).",
                neighbours.dominantLabel(), neighbours.score(c.key()));
    return String.format(
        "On %s the answer reads closest to the %s descriptor (similarity %.2f). %s",
        c.key(), level, match.best(), near);
  }

  private static String overallRationale(Neighbours neighbours, GradingInput input) {
    if (neighbours.isEmpty()) {
      return "Graded offline against the rubric descriptors only; the question has no exemplars yet.";
    }
    ExemplarMatch top = neighbours.top();
    return String.format(
        "Graded offline from the %d nearest reference answers (closest: a %s answer at similarity %.2f) and the rubric descriptors.",
        input.exemplars().size(), top.label().wire(), top.similarity());
  }

  /** The sentence closest to the strong descriptor, and the one closest to the nearest exemplar. */
  private List<Verdict.Citation> citations(
      List<AnswerText.Sentence> sentences,
      List<Embedding> sentenceVectors,
      TextVectors.LevelVectors lv,
      Neighbours neighbours,
      GradingInput input) {
    if (sentences.isEmpty()) {
      return List.of();
    }
    List<Verdict.Citation> out = new ArrayList<>();
    int forDescriptor = argmax(sentenceVectors, lv.strong());
    out.add(new Verdict.Citation(null, sentences.get(forDescriptor).text()));
    if (!neighbours.isEmpty()) {
      ExemplarMatch top = neighbours.top();
      Embedding exemplar = vectors.of(top.text());
      int forExemplar = argmax(sentenceVectors, exemplar);
      out.add(new Verdict.Citation(top.id(), sentences.get(forExemplar).text()));
    }
    return out;
  }

  private static int argmax(List<Embedding> candidates, Embedding target) {
    int best = 0;
    for (int i = 1; i < candidates.size(); i++) {
      if (candidates.get(i).cosine(target) > candidates.get(best).cosine(target)) {
        best = i;
      }
    }
    return best;
  }

  private static double clamp(double x) {
    return Math.max(0, Math.min(1, x));
  }

  /** The answer's best similarity to each level descriptor of one criterion. */
  private record LevelMatch(double strong, double acceptable, double weak) {
    static LevelMatch of(TextVectors.LevelVectors lv, Embedding answer, List<Embedding> sentences) {
      return new LevelMatch(
          best(lv.strong(), answer, sentences),
          best(lv.acceptable(), answer, sentences),
          best(lv.weak(), answer, sentences));
    }

    private static double best(Embedding level, Embedding answer, List<Embedding> sentences) {
      double best = answer.cosine(level);
      for (Embedding s : sentences) {
        best = Math.max(best, s.cosine(level));
      }
      return best;
    }

    /** Softmax-weighted level anchors: strong = scale, acceptable = scale / 2, weak = 0. */
    double expectedScore(int scale) {
      double top = best();
      double ws = Math.exp((strong - top) / LEVEL_TEMPERATURE);
      double wa = Math.exp((acceptable - top) / LEVEL_TEMPERATURE);
      double ww = Math.exp((weak - top) / LEVEL_TEMPERATURE);
      return (ws * scale + wa * scale / 2.0) / (ws + wa + ww);
    }

    double best() {
      return Math.max(strong, Math.max(acceptable, weak));
    }

    String closestLevel() {
      return strong >= acceptable && strong >= weak
          ? "strong"
          : acceptable >= weak ? "acceptable" : "weak";
    }
  }

  /** The retrieved exemplars with softmax weights over their similarities. */
  private record Neighbours(List<ExemplarMatch> matches, double[] weights) {
    static Neighbours of(List<ExemplarMatch> matches) {
      return new Neighbours(
          matches,
          softmax(
              matches.stream().mapToDouble(ExemplarMatch::similarity).toArray(),
              NEIGHBOUR_TEMPERATURE));
    }

    /** The same exemplars weighted by the words the answer shares with each. */
    static Neighbours lexical(GradingInput input) {
      java.util.Set<String> answer = AnswerText.wordSet(input.answer());
      return new Neighbours(
          input.exemplars(),
          softmax(
              input.exemplars().stream()
                  .mapToDouble(e -> AnswerText.jaccard(answer, AnswerText.wordSet(e.text())))
                  .toArray(),
              LEXICAL_TEMPERATURE));
    }

    private static double[] softmax(double[] x, double temperature) {
      double top = java.util.Arrays.stream(x).max().orElse(0);
      double[] w = new double[x.length];
      double sum = 0;
      for (int i = 0; i < w.length; i++) {
        w[i] = Math.exp((x[i] - top) / temperature);
        sum += w[i];
      }
      for (int i = 0; i < w.length; i++) {
        w[i] /= sum;
      }
      return w;
    }

    /** (1 - share) of these weights plus share of {@code other}'s, over the same exemplars. */
    Neighbours blendedWith(Neighbours other, double share) {
      if (share <= 0) {
        return this;
      }
      double[] w = new double[weights.length];
      for (int i = 0; i < w.length; i++) {
        w[i] = (1 - share) * weights[i] + share * other.weights[i];
      }
      return new Neighbours(matches, w);
    }

    boolean isEmpty() {
      return matches.isEmpty();
    }

    /** Weighted score on one criterion (falling back to each exemplar's overall score). */
    double score(String criterion) {
      double s = 0;
      for (int i = 0; i < weights.length; i++) {
        ExemplarMatch m = matches.get(i);
        s +=
            weights[i]
                * m.criterionScores()
                    .getOrDefault(criterion, (int) Math.round(m.score()))
                    .doubleValue();
      }
      return s;
    }

    double overall() {
      double s = 0;
      for (int i = 0; i < weights.length; i++) {
        s += weights[i] * matches.get(i).score();
      }
      return s;
    }

    /**
     * Weighted standard deviation of the neighbours' overall scores, as a share of half the scale.
     */
    double spread(int scale) {
      if (isEmpty()) {
        return 1;
      }
      double mean = overall();
      double var = 0;
      for (int i = 0; i < weights.length; i++) {
        var += weights[i] * Math.pow(matches.get(i).score() - mean, 2);
      }
      return Math.sqrt(var) / (scale / 2.0);
    }

    ExemplarMatch top() {
      return matches.stream()
          .max(Comparator.comparingDouble(ExemplarMatch::similarity))
          .orElseThrow();
    }

    String dominantLabel() {
      Map<String, Double> byLabel = new java.util.HashMap<>();
      for (int i = 0; i < weights.length; i++) {
        byLabel.merge(matches.get(i).label().wire(), weights[i], Double::sum);
      }
      return byLabel.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }
  }
}
