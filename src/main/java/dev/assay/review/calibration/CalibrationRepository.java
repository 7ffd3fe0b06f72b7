package dev.assay.review.calibration;

import dev.assay.platform.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The calibration tables (V17): sets, their items and the reviewers' blind scores. Grades and
 * questions are read here only to show an item (its question and answer) and its automated score.
 */
@ApplicationScoped
class CalibrationRepository {
  private final Jdbc jdbc;

  CalibrationRepository(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** A set as stored, with its item count. */
  record SetRow(UUID id, String name, UUID createdBy, OffsetDateTime createdAt, int items) {}

  /**
   * An item with what a reviewer may see before scoring (question and answer) and what they may not
   * (the grade and its automated score), kept apart by {@link CalibrationSets}.
   */
  record ItemRow(
      UUID id,
      int position,
      UUID gradeId,
      String questionId,
      String questionTitle,
      String prompt,
      String answer,
      double automated,
      double maxScore) {}

  /** One reviewer's blind score of an item, on the grade's scale. */
  record ScoreRow(UUID itemId, UUID reviewerKey, double score, OffsetDateTime at) {}

  void insertSet(long workspaceId, UUID id, String name, UUID createdBy, List<UUID> gradeIds) {
    jdbc.inTransaction(
        "create a calibration set",
        s -> {
          s.update(
              "INSERT INTO calibration_set (id, workspace_id, name, created_by) VALUES (?, ?, ?, ?)",
              id,
              workspaceId,
              name,
              createdBy);
          for (int i = 0; i < gradeIds.size(); i++) {
            s.update(
                "INSERT INTO calibration_item (id, set_id, position, grade_id) VALUES (?, ?, ?, ?)",
                UUID.randomUUID(),
                id,
                i + 1,
                gradeIds.get(i));
          }
          return null;
        });
  }

  /** Those of {@code gradeIds} that are grades of the workspace. */
  List<UUID> existingGrades(long workspaceId, List<UUID> gradeIds) {
    return jdbc.list(
        "check calibration grades",
        "SELECT id FROM grade WHERE workspace_id = ? AND id = ANY (?)",
        rs -> rs.uuid("id"),
        workspaceId,
        Jdbc.array("uuid", gradeIds));
  }

  /**
   * Grades of the workspace made since {@code since} (of one question when named), newest first, at
   * most {@code limit}: the pool a sampled set is drawn from.
   */
  List<UUID> recentGrades(long workspaceId, OffsetDateTime since, String questionSlug, int limit) {
    return jdbc.list(
        "read recent grades for a calibration sample",
        """
        SELECT g.id FROM grade g JOIN question q ON q.id = g.question_id
        WHERE g.workspace_id = ? AND g.created_at >= ? AND (?::text IS NULL OR q.slug = ?)
        ORDER BY g.created_at DESC, g.id
        LIMIT ?
        """,
        rs -> rs.uuid("id"),
        workspaceId,
        since,
        questionSlug,
        questionSlug,
        limit);
  }

  List<SetRow> sets(long workspaceId) {
    return jdbc.list(
        "list calibration sets",
        SET_SQL + " WHERE s.workspace_id = ? GROUP BY s.id ORDER BY s.created_at DESC, s.id",
        CalibrationRepository::set,
        workspaceId);
  }

  Optional<SetRow> set(long workspaceId, UUID id) {
    return jdbc.first(
        "read a calibration set",
        SET_SQL + " WHERE s.workspace_id = ? AND s.id = ? GROUP BY s.id",
        CalibrationRepository::set,
        workspaceId,
        id);
  }

  private static final String SET_SQL =
      """
      SELECT s.id, s.name, s.created_by, s.created_at, count(i.id) AS items
      FROM calibration_set s LEFT JOIN calibration_item i ON i.set_id = s.id
      """;

  private static SetRow set(Jdbc.Row rs) throws java.sql.SQLException {
    return new SetRow(
        rs.uuid("id"),
        rs.string("name"),
        rs.uuid("created_by"),
        rs.time("created_at"),
        rs.intValue("items"));
  }

  /** The set's items in order (the set must be the workspace's: check with {@link #set}). */
  List<ItemRow> items(UUID setId) {
    return jdbc.list(
        "read calibration items",
        """
        SELECT i.id, i.position, i.grade_id, q.slug, q.title, q.prompt, g.answer,
               g.overall_score, g.overall_max
        FROM calibration_item i
        JOIN grade g ON g.id = i.grade_id
        JOIN question q ON q.id = g.question_id
        WHERE i.set_id = ?
        ORDER BY i.position
        """,
        rs ->
            new ItemRow(
                rs.uuid("id"),
                rs.intValue("position"),
                rs.uuid("grade_id"),
                rs.string("slug"),
                rs.string("title"),
                rs.string("prompt"),
                rs.string("answer"),
                rs.doubleValue("overall_score"),
                rs.doubleValue("overall_max")),
        setId);
  }

  /** Every score of the set's items, oldest first. */
  List<ScoreRow> scores(UUID setId) {
    return jdbc.list(
        "read calibration scores",
        """
        SELECT c.item_id, c.reviewer_key, c.score, c.created_at
        FROM calibration_score c JOIN calibration_item i ON i.id = c.item_id
        WHERE i.set_id = ?
        ORDER BY c.created_at, c.id
        """,
        rs ->
            new ScoreRow(
                rs.uuid("item_id"),
                rs.uuid("reviewer_key"),
                rs.doubleValue("score"),
                rs.time("created_at")),
        setId);
  }

  /** Records a score; false when the reviewer had already scored the item. */
  boolean insertScore(long workspaceId, UUID itemId, UUID reviewerKey, double score) {
    return jdbc.update(
            "record a calibration score",
            """
            INSERT INTO calibration_score (workspace_id, item_id, reviewer_key, score)
            VALUES (?, ?, ?, ?)
            ON CONFLICT (item_id, reviewer_key) DO NOTHING
            """,
            workspaceId,
            itemId,
            reviewerKey,
            score)
        == 1;
  }
}
