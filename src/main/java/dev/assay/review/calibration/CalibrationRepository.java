package dev.assay.review.calibration;

import dev.assay.grading.GradeFacts;
import dev.assay.platform.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The calibration tables (V17): sets, their items and the reviewers' blind scores. An item's
 * question, answer and automated score are read through the grade log's owner ({@link GradeFacts}).
 */
@ApplicationScoped
class CalibrationRepository {
  private final Jdbc jdbc;
  private final GradeFacts grades;

  CalibrationRepository(Jdbc jdbc, GradeFacts grades) {
    this.jdbc = jdbc;
    this.grades = grades;
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
    record Item(UUID id, int position, UUID gradeId) {}
    List<Item> items =
        jdbc.list(
            "read calibration items",
            "SELECT id, position, grade_id FROM calibration_item WHERE set_id = ? ORDER BY position",
            rs -> new Item(rs.uuid("id"), rs.intValue("position"), rs.uuid("grade_id")),
            setId);
    Map<UUID, GradeFacts.Summary> graded =
        grades.summaries(items.stream().map(Item::gradeId).toList());
    return items.stream()
        .map(
            i -> {
              GradeFacts.Summary g = graded.get(i.gradeId());
              return new ItemRow(
                  i.id(),
                  i.position(),
                  i.gradeId(),
                  g.questionSlug(),
                  g.questionTitle(),
                  g.questionPrompt(),
                  g.answer(),
                  g.overallScore(),
                  g.overallMax());
            })
        .toList();
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
