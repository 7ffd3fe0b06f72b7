package dev.assay.grading;

import dev.assay.exemplar.ExemplarMatch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * What a grader is shown of the retrieved exemplars. {@code retrieved}: as stored. {@code none}:
 * nothing, so the grade rests on the rubric alone. {@code shuffled}: the same texts, similarities
 * and ids, but each carries another exemplar's label, score, per-criterion scores and rationale (a
 * derangement, seeded by the answer so a run can be repeated). Comparing the three in one
 * evaluation run shows whether a grader's agreement comes from the exemplars' grades.
 */
final class ExemplarAblation {
  private ExemplarAblation() {}

  static List<ExemplarMatch> apply(String shown, List<ExemplarMatch> retrieved, String answerKey) {
    return switch (shown) {
      case "none" -> List.of();
      case "shuffled" -> shuffled(retrieved, answerKey.hashCode());
      default -> retrieved;
    };
  }

  static List<ExemplarMatch> shuffled(List<ExemplarMatch> retrieved, long seed) {
    int n = retrieved.size();
    if (n < 2) {
      return retrieved;
    }
    List<Integer> donor = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      donor.add(i);
    }
    Random random = new Random(seed);
    do {
      Collections.shuffle(donor, random);
    } while (!derangement(donor));
    List<ExemplarMatch> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ExemplarMatch text = retrieved.get(i);
      ExemplarMatch grade = retrieved.get(donor.get(i));
      out.add(
          new ExemplarMatch(
              text.id(),
              grade.label(),
              grade.score(),
              grade.criterionScores(),
              grade.rationale(),
              text.similarity(),
              text.text()));
    }
    return out;
  }

  private static boolean derangement(List<Integer> donor) {
    for (int i = 0; i < donor.size(); i++) {
      if (donor.get(i) == i) {
        return false;
      }
    }
    return true;
  }
}
