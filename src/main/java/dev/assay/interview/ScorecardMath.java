package dev.assay.interview;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The arithmetic of a scorecard, with no I/O: area scores as means of answer scores, the overall
 * score as the role-weighted mean of the covered areas, and a 95% interval from a measurement
 * model.
 *
 * <p>Each answer's score (a share of its scale) is read as the candidate's standing in the area
 * plus two independent errors: how this particular question happened to suit the candidate
 * (standard deviation {@code questionSd}, the same for every answer) and how far the score is from
 * what a careful person would give ({@code errorSd} per answer: the automated grader's measured
 * error, or a reviewer's where a person scored it). An area's mean of n answers then has variance
 * sum(questionSd^2 + errorSd_i^2) / n^2, and the overall score, a weighted mean of area means, has
 * variance sum((w_a / W)^2 var_a). The interval is the normal one, clipped to the scale. It widens
 * as answers get fewer, and unlike a bootstrap over the candidate's own answers it does not
 * collapse to a point when an area has a single answer.
 */
final class ScorecardMath {
  static final double Z95 = 1.959964;

  private ScorecardMath() {}

  /** One answer: its area, its (effective) score as a share of its scale, its error's SD. */
  record Answer(String area, double share, double errorSd) {}

  /** A scored area: its weight, answers, mean share and the variance of that mean. */
  record Area(String area, double weight, int answers, double mean, double variance) {
    Interval interval() {
      return ScorecardMath.interval(mean, variance);
    }
  }

  /**
   * The combination: scored areas (weighted or not), the overall mean share over the weighted areas
   * that have answers (null when none has), its variance, the weight those areas carry and the
   * role's total weight.
   */
  record Result(
      Map<String, Area> areas,
      Double overall,
      double variance,
      double coveredWeight,
      double totalWeight) {

    /** The overall interval; null when there is no overall score. */
    Interval interval() {
      return overall == null ? null : ScorecardMath.interval(overall, variance);
    }

    /** Share of the role's weight carried by areas with answers. */
    double coverage() {
      return totalWeight == 0 ? 0 : coveredWeight / totalWeight;
    }

    /**
     * The overall score if every weighted area without answers scored {@code missingShare}: the
     * bounds of what the missing areas could still do to the score.
     */
    double ifMissingScored(double missingShare) {
      double covered = overall == null ? 0 : overall * coveredWeight;
      return totalWeight == 0
          ? 0
          : (covered + missingShare * (totalWeight - coveredWeight)) / totalWeight;
    }
  }

  /** A two-sided interval on shares of the scale. */
  record Interval(double low, double high) {
    double halfWidth() {
      return (high - low) / 2;
    }
  }

  static Result combine(Map<String, Double> weights, List<Answer> answers, double questionSd) {
    Map<String, List<Answer>> byArea = new LinkedHashMap<>();
    for (Answer a : answers) {
      byArea.computeIfAbsent(a.area(), k -> new ArrayList<>()).add(a);
    }
    Map<String, Area> areas = new LinkedHashMap<>();
    double covered = 0;
    double weightedSum = 0;
    for (Map.Entry<String, List<Answer>> e : byArea.entrySet()) {
      List<Answer> list = e.getValue();
      int n = list.size();
      double mean = list.stream().mapToDouble(Answer::share).average().orElseThrow();
      double sumVar =
          list.stream().mapToDouble(a -> questionSd * questionSd + a.errorSd() * a.errorSd()).sum();
      double weight = weights.getOrDefault(e.getKey(), 0.0);
      areas.put(e.getKey(), new Area(e.getKey(), weight, n, mean, sumVar / ((double) n * n)));
      if (weight > 0) {
        covered += weight;
        weightedSum += weight * mean;
      }
    }
    double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
    if (covered == 0) {
      return new Result(areas, null, 0, 0, total);
    }
    double variance = 0;
    for (Area a : areas.values()) {
      if (a.weight() > 0) {
        double share = a.weight() / covered;
        variance += share * share * a.variance();
      }
    }
    return new Result(areas, weightedSum / covered, variance, covered, total);
  }

  static Interval interval(double mean, double variance) {
    double half = Z95 * Math.sqrt(variance);
    return new Interval(Math.max(0, mean - half), Math.min(1, mean + half));
  }
}
