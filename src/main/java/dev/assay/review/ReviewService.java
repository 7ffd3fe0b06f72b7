package dev.assay.review;

import dev.assay.bank.CriterionSpec;
import dev.assay.bank.Rubrics;
import dev.assay.grading.GradeFacts;
import dev.assay.grading.GradeView;
import dev.assay.grading.GradingMode;
import dev.assay.grading.GradingService;
import dev.assay.grading.Verdict;
import dev.assay.metrics.Metrics;
import dev.assay.platform.ApiException;
import dev.assay.platform.Problem.FieldError;
import dev.assay.platform.WireNames;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Human review of automated grades: overrides and confirmations as append-only events, the
 * effective score (the latest override), the history, and the review queue with time-limited claims
 * so two reviewers do not work on the same grade.
 */
@ApplicationScoped
public class ReviewService {
  private final GradingService grading;
  private final ReviewRepository repository;
  private final GradeFacts facts;
  private final ReviewConfig config;
  private final Rubrics rubrics;

  ReviewService(
      GradingService grading,
      ReviewRepository repository,
      GradeFacts facts,
      ReviewConfig config,
      Rubrics rubrics) {
    this.rubrics = rubrics;
    this.grading = grading;
    this.repository = repository;
    this.facts = facts;
    this.config = config;
  }

  /** The criteria of the rubric version the grade was made under. */
  List<CriterionSpec> criteria(UUID gradeId) {
    return rubrics.ref(facts.rubricVersionId(gradeId)).rubric().criteria();
  }

  /** Scores of a grade: the automated ones, or those of the latest override. */
  public record Scores(double overall, Map<String, Double> criteria, String source) {}

  /** Everything that happened to a grade, oldest first, with the effective scores. */
  public record History(
      UUID gradeId, Scores automated, Scores effective, List<ReviewEvent> events) {}

  /** A claim on a queue item. */
  public record Claim(UUID gradeId, UUID claimedBy, OffsetDateTime expiresAt) {}

  /** A grade waiting for a human, with the reasons it is in the queue. */
  public record QueueItem(
      UUID gradeId,
      String questionId,
      GradingMode mode,
      double confidence,
      List<String> flags,
      List<String> reasons,
      UUID claimedBy,
      OffsetDateTime claimExpiresAt,
      OffsetDateTime gradedAt) {}

  public History history(long workspaceId, UUID gradeId) {
    GradeView grade = grading.get(workspaceId, gradeId, null);
    List<ReviewEvent> events = new ArrayList<>();
    events.add(
        new ReviewEvent(
            EventKind.GRADED,
            facts.gradedBy(gradeId).orElse(null),
            null,
            grade.mode().wire() + " grade",
            grade.overall().score(),
            automated(grade).criteria(),
            null,
            grade.createdAt()));
    events.addAll(repository.events(gradeId));
    Scores effective =
        latestOverride(events)
            .map(e -> new Scores(e.overallScore(), e.criteria(), "override"))
            .orElse(automated(grade));
    return new History(gradeId, automated(grade), effective, events);
  }

  /**
   * The override that sets a grade's effective scores: the latest one among its events, oldest
   * first; empty when no reviewer overrode the grade.
   */
  static Optional<ReviewEvent> latestOverride(List<ReviewEvent> events) {
    return events.stream().filter(e -> e.kind() == EventKind.OVERRIDDEN).reduce((a, b) -> b);
  }

  /** Records an override; the automated grade stays as it was. */
  public History override(
      long workspaceId,
      UUID gradeId,
      Map<String, Double> criteria,
      Double overall,
      String reasonCode,
      String reason,
      UUID actor) {
    GradeView grade = grading.get(workspaceId, gradeId, null);
    List<FieldError> errors = new ArrayList<>();
    ReasonCode code = ReasonCode.known(reasonCode);
    if (code == null) {
      errors.add(
          new FieldError("reasonCode", "must be one of " + WireNames.allowed(ReasonCode.class)));
    }
    Map<String, Double> scores = new LinkedHashMap<>(automated(grade).criteria());
    Map<String, Double> given = criteria == null ? Map.of() : criteria;
    if (given.isEmpty() && overall == null) {
      errors.add(
          new FieldError("criteria", "give per-criterion scores, an overall score, or both"));
    }
    double max = grade.overall().maxScore();
    given.forEach(
        (key, score) -> {
          if (!scores.containsKey(key)) {
            errors.add(
                new FieldError("criteria." + key, "is not a criterion of this grade's rubric"));
          } else if (score == null || score < 0 || score > max) {
            errors.add(new FieldError("criteria." + key, "must be between 0 and " + max));
          }
        });
    if (overall != null && (overall < 0 || overall > max)) {
      errors.add(new FieldError("overall", "must be between 0 and " + max));
    }
    if (!errors.isEmpty()) {
      throw ApiException.badFields(errors);
    }
    scores.putAll(given);
    double effectiveOverall =
        overall != null ? overall : CriterionSpec.weightedMean(criteria(gradeId), scores);
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              requireNotHeldByOther(gradeId, actor);
              repository.insert(
                  workspaceId,
                  gradeId,
                  EventKind.OVERRIDDEN,
                  actor,
                  code,
                  reason,
                  Metrics.round(effectiveOverall, 3),
                  scores,
                  null);
            });
    return history(workspaceId, gradeId);
  }

  /** Records that a reviewer agrees with the automated grade. */
  public History confirm(long workspaceId, UUID gradeId, String reason, UUID actor) {
    grading.get(workspaceId, gradeId, null);
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              requireNotHeldByOther(gradeId, actor);
              repository.insert(
                  workspaceId, gradeId, EventKind.CONFIRMED, actor, null, reason, null, null, null);
            });
    return history(workspaceId, gradeId);
  }

  public List<QueueItem> queue(long workspaceId, int page, int size) {
    return repository
        .queue(workspaceId, config.lowConfidence(), config.auditRate(), page, size)
        .stream()
        .map(this::item)
        .toList();
  }

  /** Reserves a grade for one reviewer for the claim TTL; 409 while another reviewer holds it. */
  public Claim claim(long workspaceId, UUID gradeId, UUID actor) {
    grading.get(workspaceId, gradeId, null);
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              requireNotHeldByOther(gradeId, actor);
              OffsetDateTime expires = OffsetDateTime.now().plus(config.claimTtl());
              repository.insert(
                  workspaceId, gradeId, EventKind.CLAIMED, actor, null, null, null, null, expires);
              return new Claim(gradeId, actor, expires);
            });
  }

  /** Gives a claim back before it expires. */
  public void release(long workspaceId, UUID gradeId, UUID actor) {
    grading.get(workspaceId, gradeId, null);
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              requireNotHeldByOther(gradeId, actor);
              repository.insert(
                  workspaceId, gradeId, EventKind.RELEASED, actor, null, null, null, null, null);
            });
  }

  /** Within the caller's transaction: locks the grade and fails if another reviewer holds it. */
  private void requireNotHeldByOther(UUID gradeId, UUID actor) {
    repository.lock(gradeId);
    ReviewEvent latest = null;
    for (ReviewEvent e : repository.events(gradeId)) {
      if (e.kind() == EventKind.CLAIMED || e.kind() == EventKind.RELEASED) {
        latest = e;
      }
    }
    boolean held =
        latest != null
            && latest.kind() == EventKind.CLAIMED
            && latest.expiresAt().isAfter(OffsetDateTime.now())
            && !Objects.equals(latest.actorKey(), actor);
    if (held) {
      throw ApiException.conflict(
          "claimed-by-another-reviewer",
          "another reviewer holds this grade until " + latest.expiresAt());
    }
  }

  private QueueItem item(ReviewRepository.QueueRow r) {
    List<String> reasons = new ArrayList<>();
    if (r.confidence() < config.lowConfidence()) {
      reasons.add("low-confidence");
    }
    if (r.mode() == GradingMode.FALLBACK) {
      reasons.add("fallback");
    }
    if (r.flags().stream().anyMatch(f -> !f.equals("reused-grade"))) {
      reasons.add("flagged");
    }
    if (reasons.isEmpty() && r.audit()) {
      reasons.add("audit-sample");
    }
    return new QueueItem(
        r.gradeId(),
        r.questionId(),
        r.mode(),
        r.confidence(),
        r.flags(),
        reasons,
        r.claimedBy(),
        r.claimExpires(),
        r.createdAt());
  }

  private static Scores automated(GradeView grade) {
    Map<String, Double> criteria = new LinkedHashMap<>();
    for (Verdict.CriterionGrade c : grade.criteria()) {
      criteria.put(c.criterion(), c.score());
    }
    return new Scores(grade.overall().score(), criteria, "automated");
  }
}
