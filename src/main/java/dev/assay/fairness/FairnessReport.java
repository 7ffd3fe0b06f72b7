package dev.assay.fairness;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Scores by cohort, overall (one score per candidate: the mean of their answers) and per question
 * (one answer per candidate). Scores are shares of the scale (0-1). Groups smaller than {@code
 * minGroupSize} are suppressed: no count, no figures.
 */
public record FairnessReport(
    String attribute,
    String basis,
    double passMark,
    int minGroupSize,
    OffsetDateTime from,
    OffsetDateTime to,
    Section overall,
    List<Section> questions,
    Excluded excluded,
    List<String> notes) {

  /**
   * One scope ({@code overall} or a question id): the unit counted ({@code candidate} or {@code
   * answer}), how many, the reference group of the SMDs and the groups.
   */
  public record Section(String scope, String unit, int n, String reference, List<Group> groups) {}

  /**
   * A cohort group. {@code selectionRate}: share at or above the pass mark; {@code impactRatio}:
   * that rate over the highest rate of any shown group ({@code belowFourFifths} when under 0.8);
   * {@code smd}: against the reference group; {@code overrideRate}: share of the group's answers a
   * reviewer overrode; {@code humanAgreement}: the grader against reviewers on the group's reviewed
   * answers.
   */
  public record Group(
      String value,
      Integer n,
      boolean suppressed,
      GroupStats.Distribution distribution,
      GroupStats.Smd smd,
      Double selectionRate,
      Double impactRatio,
      Boolean belowFourFifths,
      Double overrideRate,
      HumanAgreement humanAgreement) {

    static Group suppressed(String value) {
      return new Group(value, null, true, null, null, null, null, null, null, null);
    }
  }

  /**
   * The automated grader against reviewers on the group's reviewed answers: how many, the mean of
   * each, the mean difference (automated minus human: positive when the grader is more generous to
   * this group than reviewers are) and the mean absolute difference. Figures are null with no
   * reviewed answer.
   */
  public record HumanAgreement(
      int reviewed, Double meanAutomated, Double meanHuman, Double meanDifference, Double mae) {}

  /** Grades left out: without a candidate, or an older grade of a candidate's answer. */
  public record Excluded(int gradesWithoutCandidate, int supersededGrades) {}
}
