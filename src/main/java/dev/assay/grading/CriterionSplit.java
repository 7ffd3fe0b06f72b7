package dev.assay.grading;

import dev.assay.bank.CriterionSpec;
import dev.assay.bank.RubricSpec;
import dev.assay.embedding.Embedding;
import dev.assay.exemplar.ExemplarMatch;
import dev.assay.text.AnswerText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns one overall score into per-criterion scores that rest on evidence for each criterion. A
 * criterion's score moves away from the overall by how much closer the answer's best sentence comes
 * to that criterion's strong descriptor than to the others', and by the neighbours' scores on it. A
 * criterion the answer does not address is held at the weak level and cites nothing; that takes two
 * signals agreeing: no sentence comes as close to its strong descriptor as the retrieved
 * acceptable-or-better exemplars do, and the nearest exemplars score low on it (on the gold set,
 * 92% of the criteria so marked were ones the author scored 0 or 1 of 4; the sentence test alone
 * was right 88% of the time and wrongly held down correct short answers). The criteria then shift
 * together so that their weighted mean is the overall score, where the caps allow.
 */
final class CriterionSplit {
  /** Highest share of the scale an unaddressed criterion can score. */
  static final double UNADDRESSED_CAP = 0.25;

  /** Neighbours scoring at least this share on a criterion mean the answer's kind addresses it. */
  private static final double ADDRESSED_BY_NEIGHBOURS = 0.6;

  /** Slack below the weakest decent exemplar's match before a criterion counts as unaddressed. */
  private static final double MARGIN = 0.03;

  private static final double NEIGHBOUR_WEIGHT = 0.5;
  private static final double NEIGHBOUR_TEMPERATURE = 0.05;

  private CriterionSplit() {}

  /** The answer's sentences and their vectors (never empty: a whole answer counts as one). */
  record Sentences(List<AnswerText.Sentence> texts, List<Embedding> vectors) {}

  /** The retrieved exemplars with their sentence vectors. */
  record Neighbour(ExemplarMatch match, List<Embedding> sentences) {}

  /** Evidence for one criterion. */
  record Evidence(
      CriterionSpec criterion,
      double match,
      int bestSentence,
      String closestLevel,
      double floor,
      double neighbours) {
    boolean addressed() {
      return match >= floor || neighbours >= ADDRESSED_BY_NEIGHBOURS;
    }

    /**
     * Whether the answer's own closest sentence is evidence for this criterion: it comes as close
     * to the strong descriptor as acceptable reference answers do, and it reads like the acceptable
     * or strong descriptor rather than the weak one. A criterion addressed only because the
     * neighbours score well on it is not shown with the candidate's words as its evidence.
     */
    boolean ownEvidence() {
      return match >= floor && !closestLevel.equals("weak");
    }
  }

  static List<Evidence> evidence(
      RubricSpec rubric,
      Map<String, TextVectors.LevelVectors> levels,
      Sentences answer,
      List<Neighbour> neighbours) {
    double[] weights = weights(neighbours);
    List<Evidence> out = new ArrayList<>();
    for (CriterionSpec c : rubric.criteria()) {
      TextVectors.LevelVectors lv = levels.get(c.key());
      int best = 0;
      double bestMatch = -1;
      double strong = -1;
      for (int i = 0; i < answer.vectors().size(); i++) {
        Embedding s = answer.vectors().get(i);
        strong = Math.max(strong, s.cosine(lv.strong()));
        double m = Math.max(s.cosine(lv.strong()), s.cosine(lv.acceptable()));
        if (m > bestMatch) {
          bestMatch = m;
          best = i;
        }
      }
      Embedding cited = answer.vectors().get(best);
      double toStrong = cited.cosine(lv.strong());
      double toAcceptable = cited.cosine(lv.acceptable());
      double toWeak = cited.cosine(lv.weak());
      String level =
          toStrong >= toAcceptable && toStrong >= toWeak
              ? "strong"
              : toAcceptable >= toWeak ? "acceptable" : "weak";
      out.add(
          new Evidence(
              c,
              strong,
              best,
              level,
              floor(c, lv, neighbours, rubric.scale()),
              neighbourShare(c, neighbours, weights, rubric.scale())));
    }
    return out;
  }

  /** Per-criterion shares of the scale whose weighted mean is {@code overall} where caps allow. */
  static double[] split(double overall, List<Evidence> evidence) {
    int n = evidence.size();
    double meanMatch = evidence.stream().mapToDouble(Evidence::match).average().orElse(0);
    double meanNeighbours = evidence.stream().mapToDouble(Evidence::neighbours).average().orElse(0);
    double[] deviation = new double[n];
    for (int i = 0; i < n; i++) {
      Evidence e = evidence.get(i);
      deviation[i] = (e.match() - meanMatch) + NEIGHBOUR_WEIGHT * (e.neighbours() - meanNeighbours);
    }
    double lo = -1.5;
    double hi = 1.5;
    for (int iteration = 0; iteration < 50; iteration++) {
      double mid = (lo + hi) / 2;
      if (weightedMean(shares(overall, deviation, mid, evidence), evidence) < overall) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return shares(overall, deviation, (lo + hi) / 2, evidence);
  }

  private static double[] shares(
      double overall, double[] deviation, double shift, List<Evidence> evidence) {
    double[] out = new double[deviation.length];
    for (int i = 0; i < out.length; i++) {
      double s = Math.max(0, Math.min(1, overall + deviation[i] + shift));
      out[i] = evidence.get(i).addressed() ? s : Math.min(s, UNADDRESSED_CAP);
    }
    return out;
  }

  private static double weightedMean(double[] shares, List<Evidence> evidence) {
    double sum = 0;
    double weights = 0;
    for (int i = 0; i < shares.length; i++) {
      sum += evidence.get(i).criterion().weight() * shares[i];
      weights += evidence.get(i).criterion().weight();
    }
    return sum / weights;
  }

  /**
   * How close to the strong descriptor the retrieved acceptable-or-better exemplars come at least,
   * minus a margin; without such exemplars nothing counts as unaddressed.
   */
  private static double floor(
      CriterionSpec c, TextVectors.LevelVectors lv, List<Neighbour> neighbours, int scale) {
    double floor = Double.POSITIVE_INFINITY;
    for (Neighbour n : neighbours) {
      Integer own = n.match().criterionScores().get(c.key());
      boolean decent = own != null ? own >= scale / 2.0 : n.match().score() >= scale / 2.0;
      if (!decent || n.sentences().isEmpty()) {
        continue;
      }
      double best = -1;
      for (Embedding s : n.sentences()) {
        best = Math.max(best, s.cosine(lv.strong()));
      }
      floor = Math.min(floor, best);
    }
    return floor == Double.POSITIVE_INFINITY ? Double.NEGATIVE_INFINITY : floor - MARGIN;
  }

  private static double neighbourShare(
      CriterionSpec c, List<Neighbour> neighbours, double[] weights, int scale) {
    if (neighbours.isEmpty()) {
      return 0;
    }
    double sum = 0;
    for (int i = 0; i < neighbours.size(); i++) {
      ExemplarMatch m = neighbours.get(i).match();
      double own = m.criterionScores().getOrDefault(c.key(), (int) Math.round(m.score()));
      sum += weights[i] * own / scale;
    }
    return sum;
  }

  private static double[] weights(List<Neighbour> neighbours) {
    double top = neighbours.stream().mapToDouble(n -> n.match().similarity()).max().orElse(0);
    double[] w = new double[neighbours.size()];
    double sum = 0;
    for (int i = 0; i < w.length; i++) {
      w[i] = Math.exp((neighbours.get(i).match().similarity() - top) / NEIGHBOUR_TEMPERATURE);
      sum += w[i];
    }
    for (int i = 0; i < w.length; i++) {
      w[i] /= sum;
    }
    return w;
  }
}
