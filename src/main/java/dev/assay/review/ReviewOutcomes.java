package dev.assay.review;

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

  ReviewOutcomes(Jdbc jdbc) {
    this.jdbc = jdbc;
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
    return jdbc.list(
        "read overrides",
        """
        SELECT e.grade_id, e.actor_key, q.slug AS question_slug, g.overall_score AS automated,
               e.overall_score AS overridden, g.overall_max, e.reason_code, e.created_at
        FROM grade_event e
        JOIN grade g ON g.id = e.grade_id
        JOIN question q ON q.id = g.question_id
        WHERE e.workspace_id = ? AND e.kind = 'overridden' AND e.actor_key IS NOT NULL
          AND e.created_at >= ? AND e.created_at < ?
        ORDER BY e.created_at, e.id
        """,
        rs ->
            new Override(
                rs.uuid("grade_id"),
                rs.uuid("actor_key"),
                rs.string("question_slug"),
                rs.doubleValue("automated"),
                rs.doubleValue("overridden"),
                rs.doubleValue("overall_max"),
                rs.string("reason_code"),
                rs.time("created_at")),
        workspaceId,
        from,
        to);
  }
}
