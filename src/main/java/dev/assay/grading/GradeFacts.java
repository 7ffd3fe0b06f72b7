package dev.assay.grading;

import dev.assay.bank.QuestionService;
import dev.assay.bank.Rubrics;
import dev.assay.platform.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What other features read of logged grades: who logged one, under which rubric version, its answer
 * and automated overall score, and its question as the bank describes it. The {@code grade} table
 * belongs to this package; review, reviewer calibration and reports ask here instead of reading it.
 */
@ApplicationScoped
public class GradeFacts {
  private final Jdbc jdbc;
  private final Rubrics rubrics;
  private final QuestionService questions;

  GradeFacts(Jdbc jdbc, Rubrics rubrics, QuestionService questions) {
    this.jdbc = jdbc;
    this.rubrics = rubrics;
    this.questions = questions;
  }

  /** A grade's answer and automated overall score, with its question. */
  public record Summary(
      UUID id,
      long workspaceId,
      String questionSlug,
      String questionTitle,
      String questionPrompt,
      long rubricVersionId,
      String answer,
      double overallScore,
      double overallMax,
      UUID gradedBy,
      OffsetDateTime createdAt) {}

  /** The rubric version a grade was made under; the grade exists. */
  public long rubricVersionId(UUID gradeId) {
    return jdbc.first(
            "read the grade",
            "SELECT rubric_version_id FROM grade WHERE id = ?",
            r -> r.longValue("rubric_version_id"),
            gradeId)
        .orElseThrow();
  }

  /** The key that logged a grade (empty for internal runs and unknown grades). */
  public Optional<UUID> gradedBy(UUID gradeId) {
    return jdbc
        .list(
            "read the grade",
            "SELECT created_by_key FROM grade WHERE id = ?",
            r -> Optional.ofNullable(r.uuid("created_by_key")),
            gradeId)
        .stream()
        .findFirst()
        .flatMap(key -> key);
  }

  /** The grades with these ids, in the order given (unknown ids are left out). */
  public Map<UUID, Summary> summaries(Collection<UUID> gradeIds) {
    if (gradeIds.isEmpty()) {
      return Map.of();
    }
    record Row(
        UUID id,
        long workspaceId,
        long rubricVersionId,
        String answer,
        double overallScore,
        double overallMax,
        UUID gradedBy,
        OffsetDateTime createdAt) {}
    List<Row> rows =
        jdbc.list(
            "read grades",
            """
            SELECT id, workspace_id, rubric_version_id, answer, overall_score, overall_max,
                   created_by_key, created_at
            FROM grade WHERE id = ANY (?)
            """,
            r ->
                new Row(
                    r.uuid("id"),
                    r.longValue("workspace_id"),
                    r.longValue("rubric_version_id"),
                    r.string("answer"),
                    r.doubleValue("overall_score"),
                    r.doubleValue("overall_max"),
                    r.uuid("created_by_key"),
                    r.time("created_at")),
            Jdbc.array("uuid", gradeIds));
    Map<Long, Rubrics.Ref> refs =
        rubrics.refs(rows.stream().map(Row::rubricVersionId).distinct().toList());
    Map<UUID, Row> byId = new LinkedHashMap<>();
    rows.forEach(row -> byId.put(row.id(), row));
    Map<UUID, Summary> out = new LinkedHashMap<>();
    for (UUID id : gradeIds) {
      Row row = byId.get(id);
      if (row != null) {
        Rubrics.Ref ref = refs.get(row.rubricVersionId());
        out.put(
            id,
            new Summary(
                id,
                row.workspaceId(),
                ref.questionSlug(),
                ref.questionTitle(),
                ref.questionPrompt(),
                row.rubricVersionId(),
                row.answer(),
                row.overallScore(),
                row.overallMax(),
                row.gradedBy(),
                row.createdAt()));
      }
    }
    return out;
  }

  /** Those of {@code gradeIds} that are grades of the workspace. */
  public List<UUID> existing(long workspaceId, Collection<UUID> gradeIds) {
    return jdbc.list(
        "read grades",
        "SELECT id FROM grade WHERE workspace_id = ? AND id = ANY (?)",
        r -> r.uuid("id"),
        workspaceId,
        Jdbc.array("uuid", gradeIds));
  }

  /**
   * The workspace's grades made since {@code since}, of one question when a slug is given (none
   * when the workspace has no such question), newest first, at most {@code limit}.
   */
  public List<UUID> recent(long workspaceId, OffsetDateTime since, String questionSlug, int limit) {
    Long questionId = null;
    if (questionSlug != null) {
      Optional<Long> id = questions.idOf(workspaceId, questionSlug);
      if (id.isEmpty()) {
        return List.of();
      }
      questionId = id.get();
    }
    return jdbc.list(
        "read recent grades",
        """
        SELECT id FROM grade
        WHERE workspace_id = ? AND created_at >= ? AND (?::bigint IS NULL OR question_id = ?)
        ORDER BY created_at DESC, id
        LIMIT ?
        """,
        r -> r.uuid("id"),
        workspaceId,
        since,
        questionId,
        questionId,
        limit);
  }
}
