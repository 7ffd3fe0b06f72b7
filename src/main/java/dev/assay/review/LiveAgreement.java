package dev.assay.review;

import dev.assay.bank.QuestionService;
import dev.assay.metrics.Agreement;
import dev.assay.metrics.Metrics;
import dev.assay.metrics.Ratings;
import dev.assay.platform.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Live agreement of automated grades with human reviews over a time window. The human score of a
 * reviewed grade is its latest override, or the automated score when a reviewer confirmed it. The
 * figures are given twice: over the reviewed grades of the random audit sample, an unbiased
 * estimate for all grades, and over every reviewed grade, most of which the queue sent to review
 * because they looked uncertain.
 */
@ApplicationScoped
class LiveAgreement {
  static final Duration DEFAULT_WINDOW = Duration.ofDays(30);
  private static final String AUDIT_SAMPLE =
      "reviewed grades of the random audit sample: an unbiased estimate for all grades";
  private static final String ALL_REVIEWED =
      "every reviewed grade: biased toward the low-confidence, flagged and fallback grades that the"
          + " review queue puts first";

  private final AgreementRepository grades;
  private final ReviewRepository reviews;
  private final ReviewConfig config;
  private final QuestionService questions;

  LiveAgreement(
      AgreementRepository grades,
      ReviewRepository reviews,
      ReviewConfig config,
      QuestionService questions) {
    this.grades = grades;
    this.reviews = reviews;
    this.config = config;
    this.questions = questions;
  }

  /** A reviewed grade's automated and human scores as shares of its scale. */
  private record Pair(
      String questionId, double automated, double human, boolean overridden, boolean audit) {}

  /**
   * The report for grades made in [from, to) (defaults: the {@link #DEFAULT_WINDOW} up to now), of
   * one question (slug; 404 when unknown) or all. 400 when from is after to.
   */
  AgreementReport report(
      long workspaceId, OffsetDateTime from, OffsetDateTime to, String questionSlug) {
    OffsetDateTime end = to != null ? to : OffsetDateTime.now(ZoneOffset.UTC);
    OffsetDateTime start = from != null ? from : end.minus(DEFAULT_WINDOW);
    if (start.isAfter(end)) {
      throw ApiException.badField("from", "must not be after to");
    }
    Long questionId =
        questionSlug == null ? null : questions.resolve(workspaceId, questionSlug).id();
    AgreementRepository.Scope scope =
        new AgreementRepository.Scope(workspaceId, start, end, questionId);
    int auditCut = ReviewRepository.auditCut(config.auditRate());
    List<AgreementRepository.Reviewed> reviewed = grades.reviewed(scope, auditCut);
    Map<UUID, List<ReviewEvent>> events =
        reviews.events(reviewed.stream().map(AgreementRepository.Reviewed::id).toList());
    List<Pair> all =
        reviewed.stream().map(g -> pair(g, events.getOrDefault(g.id(), List.of()))).toList();
    List<Pair> audit = all.stream().filter(Pair::audit).toList();
    // Counted after the reviewed grades were read: grades are only ever added, so the counts
    // include every reviewed grade above even while grading goes on.
    AgreementRepository.Counts counts = grades.counts(scope, auditCut);
    return new AgreementReport(
        new AgreementReport.Window(start, end),
        config.auditRate(),
        new AgreementReport.Counts(counts.grades(), counts.inAuditSample(), audit.size()),
        block(AUDIT_SAMPLE, audit),
        block(ALL_REVIEWED, all));
  }

  private static Pair pair(AgreementRepository.Reviewed grade, List<ReviewEvent> events) {
    double automated = grade.overall() / grade.scale();
    // The query keeps reviewed grades only, so there is always a human verdict.
    HumanReviews.Human human =
        HumanReviews.of(new HumanReviews.Automated(grade.overall(), grade.scale()), events)
            .orElse(new HumanReviews.Human(automated, false));
    return new Pair(
        grade.questionId(), automated, human.share(), human.overridden(), grade.audit());
  }

  private static AgreementReport.Block block(String sample, List<Pair> pairs) {
    Map<String, AgreementReport.PerQuestion> perQuestion =
        pairs.stream()
            .collect(
                Collectors.groupingBy(
                    Pair::questionId,
                    TreeMap::new,
                    Collectors.collectingAndThen(Collectors.toList(), LiveAgreement::perQuestion)));
    return new AgreementReport.Block(sample, overall(pairs), perQuestion);
  }

  private static AgreementReport.Overall overall(List<Pair> pairs) {
    if (pairs.isEmpty()) {
      return new AgreementReport.Overall(
          0, null, null, null, null, null, null, null, null, null, null, null, null);
    }
    double[] p = scores(pairs, Pair::automated);
    double[] h = scores(pairs, Pair::human);
    Agreement.Summary s = Agreement.summarise(p, h, Metrics.QUARTERS, Metrics.SEED);
    return new AgreementReport.Overall(
        s.n(),
        defined(s.qwk()),
        interval(s.qwkCi()),
        defined(s.pearson()),
        s.mae(),
        s.rmse(),
        s.exact(),
        s.adjacent(),
        defined(s.smd()),
        interval(s.smdCi()),
        Agreement.mean(p),
        Agreement.mean(h),
        overrideRate(pairs));
  }

  private static AgreementReport.PerQuestion perQuestion(List<Pair> pairs) {
    double[] p = scores(pairs, Pair::automated);
    double[] h = scores(pairs, Pair::human);
    // Quarters of the scale, as bin/assay eval uses for non-binary scores.
    double qwk = Ratings.qwkOnGrid(h, p, Metrics.QUARTERS);
    return new AgreementReport.PerQuestion(
        pairs.size(),
        defined(qwk),
        defined(Agreement.pearson(p, h)),
        Agreement.mae(p, h),
        Agreement.mean(p),
        Agreement.mean(h),
        overrideRate(pairs));
  }

  private static double[] scores(List<Pair> pairs, ToDoubleFunction<Pair> score) {
    return pairs.stream().mapToDouble(score).toArray();
  }

  private static double overrideRate(List<Pair> pairs) {
    return (double) pairs.stream().filter(Pair::overridden).count() / pairs.size();
  }

  /** Null for an undefined statistic: JSON has no NaN (Jackson would write the string "NaN"). */
  private static Double defined(double value) {
    return Double.isNaN(value) ? null : value;
  }

  private static AgreementReport.Interval interval(Agreement.Interval ci) {
    return new AgreementReport.Interval(defined(ci.low()), defined(ci.high()));
  }
}
