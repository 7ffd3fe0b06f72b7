package dev.assay.interview;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A candidate's scorecard for one role: a score per area and an overall score weighted by the
 * role's area weights (all on 0-100, the share of each answer's scale), each linked to the grades
 * behind it; the areas with no answer yet; and how far to trust it. Scores are the effective ones:
 * a reviewer's override replaces the automated score.
 */
public record Scorecard(
    UUID interviewId,
    String candidateRef,
    Interview.RoleWeights role,
    Overall overall,
    List<AreaScore> areas,
    List<Gap> gaps,
    List<String> unansweredPlannedQuestions,
    Trust trust,
    List<UUID> supersededGrades,
    List<UUID> gradesOutsidePlan,
    Method method,
    OffsetDateTime computedAt) {

  /** A range on 0-100. */
  public record Range(double low, double high) {}

  /**
   * The weighted overall score over the weighted areas that have answers (null when none has), its
   * 95% interval, the share of the role's weight those areas carry ({@code coverage}, 0-1) and the
   * overall score if every uncovered area scored 0 or 100.
   */
  public record Overall(
      Double score, Range interval, double coverage, Range ifMissingAreasScored) {}

  /**
   * One area: {@code status} is {@code scored} (answers, weight above 0), {@code not-covered} (a
   * weighted area without answers) or {@code not-weighted} (answers in an area the role gives no
   * weight: shown, not counted).
   */
  public record AreaScore(
      String area,
      String title,
      double weight,
      String status,
      Double score,
      Range interval,
      int answers,
      List<Evidence> evidence) {}

  /**
   * A grade behind an area score: its link, the automated and effective scores (0-100) and where
   * the effective one comes from ({@code automated} or {@code override}), its confidence and flags,
   * whether a review is {@code pending}, done ({@code reviewed}) or {@code not-needed}, and per
   * criterion the effective score with the candidate's words the grader cited for it.
   */
  public record Evidence(
      UUID gradeId,
      String link,
      String questionId,
      String questionTitle,
      double automatedScore,
      double effectiveScore,
      String scoreSource,
      double confidence,
      List<String> flags,
      String review,
      List<CriterionEvidence> criteria,
      OffsetDateTime gradedAt) {}

  /** A criterion's effective score and the quotes from the answer that support it. */
  public record CriterionEvidence(
      String criterion, double score, int maxScore, List<String> quotes) {}

  /**
   * A weighted area with no answer yet, and the planned questions of that area not yet answered.
   */
  public record Gap(String area, String title, double weight, List<String> plannedQuestions) {}

  /**
   * How far to trust the scorecard: {@code level} ({@code high}, {@code medium}, {@code low}), the
   * reasons in plain words, and the grades behind them.
   */
  public record Trust(
      String level,
      List<String> cautions,
      List<String> missingAreas,
      List<UUID> flaggedGrades,
      List<UUID> lowConfidenceGrades,
      List<UUID> pendingReviews,
      int answers) {}

  /** How the interval was made, with the standard deviations it assumed (shares of the scale). */
  public record Method(String interval, double questionSd, double graderSd, double reviewerSd) {}
}
