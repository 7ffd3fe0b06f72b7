package dev.assay.grading;

import dev.assay.platform.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The {@code shadow_grade} table: what a shadow configuration made of live answers, kept apart from
 * the grade log where no grade endpoint reads, and read back paired with the live grade.
 */
@ApplicationScoped
public class ShadowGrades {
  private final Jdbc jdbc;

  ShadowGrades(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** What a shadow configuration made of a live answer. */
  record ShadowGrade(
      UUID gradeId,
      long workspaceId,
      long graderConfigId,
      String mode,
      double overallScore,
      double overallMax,
      double confidence,
      List<String> flags,
      List<Verdict.CriterionGrade> criteria,
      Provenance provenance) {}

  /**
   * A live grade and the shadow grade of the same answer: scores on the live scale, shadow as a
   * share.
   */
  public record Pair(UUID gradeId, double activeScore, double scale, double shadow) {
    /** The live grade as a share of its scale. */
    public double active() {
      return activeScore / scale;
    }
  }

  void insert(ShadowGrade g) {
    jdbc.update(
        "log the shadow grade of " + g.gradeId(),
        """
        INSERT INTO shadow_grade (id, workspace_id, grade_id, grader_config_id, mode,
            overall_score, overall_max, confidence, flags, criteria, provenance)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        UUID.randomUUID(),
        g.workspaceId(),
        g.gradeId(),
        g.graderConfigId(),
        g.mode(),
        g.overallScore(),
        g.overallMax(),
        g.confidence(),
        Jdbc.array("varchar", g.flags()),
        jdbc.json(g.criteria()),
        jdbc.json(g.provenance()));
  }

  /** The shadow grades configuration {@code configId} made in [start, end), oldest first. */
  public List<Pair> pairs(
      long workspaceId, long configId, OffsetDateTime start, OffsetDateTime end) {
    return jdbc.list(
        "read shadow grades",
        """
        SELECT g.id, g.overall_score, g.overall_max,
               s.overall_score / s.overall_max AS shadow_share
        FROM shadow_grade s JOIN grade g ON g.id = s.grade_id
        WHERE s.workspace_id = ? AND s.grader_config_id = ?
          AND s.created_at >= ? AND s.created_at < ?
        ORDER BY s.created_at, s.id
        """,
        r ->
            new Pair(
                r.uuid("id"),
                r.doubleValue("overall_score"),
                r.doubleValue("overall_max"),
                r.doubleValue("shadow_share")),
        workspaceId,
        configId,
        start,
        end);
  }
}
