package dev.assay.grading;

import dev.assay.bank.QuestionService;
import dev.assay.bank.Rubrics;
import dev.assay.platform.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
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
    List<Summary> found =
        WithRubric.completeAll(
            jdbc.list(
                "read grades",
                """
                SELECT id, workspace_id, rubric_version_id, answer, overall_score, overall_max,
                       created_by_key, created_at
                FROM grade WHERE id = ANY (?)
                """,
                GradeFacts::summary,
                Jdbc.array("uuid", gradeIds)),
            rubrics);
    Map<UUID, Summary> byId = new HashMap<>();
    found.forEach(g -> byId.put(g.id(), g));
    Map<UUID, Summary> out = new LinkedHashMap<>();
    gradeIds.stream().filter(byId::containsKey).forEach(id -> out.put(id, byId.get(id)));
    return out;
  }

  private static WithRubric<Summary> summary(Jdbc.Row r) throws SQLException {
    UUID id = r.uuid("id");
    long workspaceId = r.longValue("workspace_id");
    long rubricVersionId = r.longValue("rubric_version_id");
    String answer = r.string("answer");
    double score = r.doubleValue("overall_score");
    double max = r.doubleValue("overall_max");
    UUID gradedBy = r.uuid("created_by_key");
    OffsetDateTime createdAt = r.time("created_at");
    return new WithRubric<>(
        rubricVersionId,
        rubric ->
            new Summary(
                id,
                workspaceId,
                rubric.questionSlug(),
                rubric.questionTitle(),
                rubric.questionPrompt(),
                rubricVersionId,
                answer,
                score,
                max,
                gradedBy,
                createdAt));
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
