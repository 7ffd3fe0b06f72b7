package dev.assay.grading;

import dev.assay.platform.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Read-only figures over a workspace's grade log for the operations dashboard: how scores spread
 * per question, how often grades fell back, were flagged or failed the LLM output checks, and what
 * the LLM cost in tokens and time. Aggregated in SQL so the page never loads grades one by one.
 */
@ApplicationScoped
public class GradeStats {
  /** Flags raised when the LLM's output broke the verifier's rules at least once. */
  static final String VERIFICATION_FLAGS = "ARRAY['llm-repaired','llm-invalid-output']::varchar[]";

  private final Jdbc jdbc;

  GradeStats(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * How a question's overall scores (shares of its scale) spread: counts in five bands of 20
   * percentage points, lowest first, and the mean.
   */
  public record Distribution(
      String question, String title, long n, double meanPercent, List<Long> bands) {}

  /** One week of the grade log (weeks start on Monday, UTC). */
  public record Week(
      OffsetDateTime start,
      long grades,
      long fallback,
      long flagged,
      long verificationFailed,
      long llmGrades,
      long inputTokens,
      long outputTokens,
      Double medianMs,
      Double p95Ms) {}

  /** How many grades of the window carry a flag. */
  public record FlagCount(String flag, long grades) {}

  /** A grading stage's median and 95th-percentile time over the window. */
  public record StageLatency(String stage, long n, double medianMs, double p95Ms) {}

  private static final String WINDOW =
      " FROM grade g WHERE g.workspace_id = ? AND g.created_at >= ?";

  /** The window's grades, each joined with the rows {@code lateral} makes of it. */
  private static String windowWith(String lateral) {
    return " FROM grade g CROSS JOIN LATERAL "
        + lateral
        + " WHERE g.workspace_id = ? AND g.created_at >= ?";
  }

  public List<Distribution> distributions(long workspaceId, OffsetDateTime since) {
    return jdbc.list(
        "read score distributions per question",
        """
        SELECT q.slug, q.title, count(*) AS n, avg(g.overall_percent) AS mean,
          count(*) FILTER (WHERE g.overall_percent < 20) AS b0,
          count(*) FILTER (WHERE g.overall_percent >= 20 AND g.overall_percent < 40) AS b1,
          count(*) FILTER (WHERE g.overall_percent >= 40 AND g.overall_percent < 60) AS b2,
          count(*) FILTER (WHERE g.overall_percent >= 60 AND g.overall_percent < 80) AS b3,
          count(*) FILTER (WHERE g.overall_percent >= 80) AS b4
        FROM grade g JOIN question q ON q.id = g.question_id
        WHERE g.workspace_id = ? AND g.created_at >= ?
        GROUP BY q.slug, q.title ORDER BY q.slug
        """,
        r ->
            new Distribution(
                r.string("slug"),
                r.string("title"),
                r.longValue("n"),
                r.doubleValue("mean"),
                List.of(
                    r.longValue("b0"),
                    r.longValue("b1"),
                    r.longValue("b2"),
                    r.longValue("b3"),
                    r.longValue("b4"))),
        workspaceId,
        since);
  }

  public List<Week> weeks(long workspaceId, OffsetDateTime since) {
    return jdbc.list(
        "read the grade log week by week",
        """
        SELECT date_trunc('week', g.created_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS week,
          count(*) AS grades,
          count(*) FILTER (WHERE g.mode = 'fallback') AS fallback,
          count(*) FILTER (WHERE cardinality(g.flags) > 0) AS flagged,
          count(*) FILTER (WHERE g.flags && %s) AS verification_failed,
          count(*) FILTER (WHERE g.mode = 'llm') AS llm_grades,
          coalesce(sum((g.provenance -> 'tokens' ->> 'input')::bigint), 0) AS input_tokens,
          coalesce(sum((g.provenance -> 'tokens' ->> 'output')::bigint), 0) AS output_tokens,
          percentile_cont(0.5) WITHIN GROUP (ORDER BY (g.provenance -> 'latencyMs' ->> 'total')::float8) AS median_ms,
          percentile_cont(0.95) WITHIN GROUP (ORDER BY (g.provenance -> 'latencyMs' ->> 'total')::float8) AS p95_ms
        """
                .formatted(VERIFICATION_FLAGS)
            + WINDOW
            + " GROUP BY week ORDER BY week",
        r ->
            new Week(
                r.time("week"),
                r.longValue("grades"),
                r.longValue("fallback"),
                r.longValue("flagged"),
                r.longValue("verification_failed"),
                r.longValue("llm_grades"),
                r.longValue("input_tokens"),
                r.longValue("output_tokens"),
                r.nullableDouble("median_ms"),
                r.nullableDouble("p95_ms")),
        workspaceId,
        since);
  }

  public List<FlagCount> flags(long workspaceId, OffsetDateTime since) {
    return jdbc.list(
        "count grades by flag",
        "SELECT f.flag, count(*) AS grades"
            + windowWith("unnest(g.flags) AS f(flag)")
            + " GROUP BY f.flag"
            + " ORDER BY grades DESC, f.flag",
        r -> new FlagCount(r.string("flag"), r.longValue("grades")),
        workspaceId,
        since);
  }

  public List<StageLatency> stages(long workspaceId, OffsetDateTime since) {
    return jdbc.list(
        "read latency per grading stage",
        """
        SELECT s.key AS stage, count(*) AS n,
          percentile_cont(0.5) WITHIN GROUP (ORDER BY s.value::float8) AS median_ms,
          percentile_cont(0.95) WITHIN GROUP (ORDER BY s.value::float8) AS p95_ms
        """
            + windowWith(
                "jsonb_each_text(coalesce(g.provenance -> 'latencyMs', '{}')) AS s(key, value)")
            + " GROUP BY s.key ORDER BY s.key",
        r ->
            new StageLatency(
                r.string("stage"),
                r.longValue("n"),
                r.doubleValue("median_ms"),
                r.doubleValue("p95_ms")),
        workspaceId,
        since);
  }
}
