package dev.assay.review;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * The answer of {@code GET /api/v1/agreement}. Scores are shares of each grade's scale (0..1);
 * figures that are undefined for the data (no reviewed grades, a correlation with a constant side)
 * are null.
 *
 * @param window the grades' creation times covered, from inclusive, to exclusive
 * @param auditRate the share of grades the review queue samples for audit
 * @param counts how well the audit sample is covered by reviews
 * @param auditSample the reviewed grades of the random audit sample: the unbiased estimate
 * @param allReviewed every reviewed grade: biased toward the uncertain grades the queue puts first
 */
record AgreementReport(
    Window window, double auditRate, Counts counts, Block auditSample, Block allReviewed) {

  record Window(OffsetDateTime from, OffsetDateTime to) {}

  /** Grades in the window, those in the audit sample, and those of the sample a human reviewed. */
  record Counts(long grades, long inAuditSample, long reviewedInAuditSample) {}

  /** Agreement over one set of reviewed grades, overall and per question slug. */
  record Block(String sample, Overall overall, Map<String, PerQuestion> perQuestion) {}

  /**
   * Quadratic weighted kappa, exact and adjacent agreement on a grid of quarters of the scale;
   * correlation, errors and standardised mean difference on the shares; 95% bootstrap intervals.
   * {@code overrideRate} is the share of reviewed grades overridden rather than confirmed.
   */
  record Overall(
      int n,
      Double qwk,
      Interval qwkCi,
      Double pearson,
      Double mae,
      Double rmse,
      Double exact,
      Double adjacent,
      Double smd,
      Interval smdCi,
      Double meanAutomated,
      Double meanHuman,
      Double overrideRate) {}

  record Interval(Double low, Double high) {}

  /** Point figures only: most questions have few reviewed grades. */
  record PerQuestion(
      int n,
      Double qwk,
      Double pearson,
      Double mae,
      Double meanAutomated,
      Double meanHuman,
      Double overrideRate) {}
}
