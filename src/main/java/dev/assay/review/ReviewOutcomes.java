package dev.assay.review;

import dev.assay.grading.GradeFacts;
import dev.assay.platform.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What reviewers did to many grades at once, read-only, for reports outside the review feature
 * (fairness by cohort, reviewer calibration): one query instead of one history per grade. The
 * effective score follows {@link ReviewService}: the latest override, else the automated score.
 */
@ApplicationScoped
public class ReviewOutcomes {
  private final Jdbc jdbc;
  private final GradeFacts grades;

  ReviewOutcomes(Jdbc jdbc, GradeFacts grades) {
    this.jdbc = jdbc;
    this.grades = grades;
  }

  /**
   * A grade's review outcome: whether it was overridden or confirmed, and the overall score of its
   * latest override (null when not overridden).
   */
  public record Outcome(UUID gradeId, boolean overridden, boolean confirmed, Double overrideScore) {

    public boolean reviewed() {
      return overridden || confirmed;
    }
  }

  /** The outcomes of those grades that any reviewer confirmed or overrode; others are absent. */
  public Map<UUID, Outcome> of(Collection<UUID> gradeIds) {
    if (gradeIds.isEmpty()) {
      return Map.of();
    }
    return jdbc
        .list(
            "read review outcomes",
            """
            SELECT grade_id,
                   bool_or(kind = 'overridden') AS overridden,
                   bool_or(kind = 'confirmed') AS confirmed,
                   (array_agg(overall_score ORDER BY created_at DESC, id DESC)
                       FILTER (WHERE kind = 'overridden'))[1] AS override_score
            FROM grade_event
            WHERE grade_id = ANY (?) AND kind IN ('overridden', 'confirmed')
            GROUP BY grade_id
            """,
            rs ->
                new Outcome(
                    rs.uuid("grade_id"),
                    rs.bool("overridden"),
                    rs.bool("confirmed"),
                    rs.nullableDouble("override_score")),
            new Jdbc.SqlArray("uuid", gradeIds.toArray()))
        .stream()
        .collect(Collectors.toMap(Outcome::gradeId, o -> o));
  }

  /**
   * One override: who made it and when, the grade's automated overall score and the override's, on
   * the grade's scale.
   */
  public record Override(
      UUID gradeId,
      UUID reviewerKey,
      String questionId,
      double automated,
      double overridden,
      double maxScore,
      String reasonCode,
      OffsetDateTime at) {}

  /** Every override recorded in the workspace in {@code [from, to)}, oldest first. */
  public List<Override> overrides(long workspaceId, OffsetDateTime from, OffsetDateTime to) {
    record Event(
        UUID gradeId, UUID reviewer, double overridden, String reasonCode, OffsetDateTime at) {}
    List<Event> events =
        jdbc.list(
            "read overrides",
            """
            SELECT grade_id, actor_key, overall_score, reason_code, created_at FROM grade_event
            WHERE workspace_id = ? AND kind = 'overridden' AND actor_key IS NOT NULL
              AND created_at >= ? AND created_at < ?
            ORDER BY created_at, id
            """,
            rs ->
                new Event(
                    rs.uuid("grade_id"),
                    rs.uuid("actor_key"),
                    rs.doubleValue("overall_score"),
                    rs.string("reason_code"),
                    rs.time("created_at")),
            workspaceId,
            from,
            to);
    Map<UUID, GradeFacts.Summary> graded =
        grades.summaries(events.stream().map(Event::gradeId).distinct().toList());
    return events.stream()
        .map(
            e -> {
              GradeFacts.Summary g = graded.get(e.gradeId());
              return new Override(
                  e.gradeId(),
                  e.reviewer(),
                  g.questionSlug(),
                  g.overallScore(),
                  e.overridden(),
                  g.overallMax(),
                  e.reasonCode(),
                  e.at());
            })
        .toList();
  }
}
