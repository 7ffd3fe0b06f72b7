package dev.assay.batch;

import dev.assay.platform.Jdbc;
import dev.assay.queue.ItemError;
import dev.assay.queue.WorkStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code grade_batch} table and the read side of a batch's items in {@code work_item} (the
 * queue owns their writes).
 */
@ApplicationScoped
class BatchRepository {
  private final Jdbc jdbc;

  BatchRepository(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  void insert(Jdbc.Session s, UUID id, long ws, UUID createdBy, int items, String callbackUrl)
      throws SQLException {
    s.update(
        "INSERT INTO grade_batch (id, workspace_id, created_by, item_count, callback_url)"
            + " VALUES (?, ?, ?, ?, ?)",
        id,
        ws,
        createdBy,
        items,
        callbackUrl);
  }

  /**
   * Closes the batch if none of its items is left, in the transaction that settled one of them. The
   * batch row is locked first, so of two items settling at once the later one sees the earlier
   * one's outcome and exactly one of them closes the batch.
   */
  void closeIfSettled(Jdbc.Session s, UUID batchId) throws SQLException {
    s.list("SELECT id FROM grade_batch WHERE id = ? FOR UPDATE", r -> r.uuid("id"), batchId);
    s.update(
        """
        UPDATE grade_batch SET finished_at = now(),
            callback_status = CASE WHEN callback_url IS NULL THEN NULL ELSE 'pending' END,
            callback_next_at = CASE WHEN callback_url IS NULL THEN NULL ELSE now() END
        WHERE id = ? AND finished_at IS NULL AND NOT EXISTS (
            SELECT 1 FROM work_item WHERE batch_id = ? AND status IN ('queued', 'running'))
        """,
        batchId,
        batchId);
  }

  /** Counts of a batch's items. */
  record Counts(
      int total,
      int done,
      int failed,
      int lastMinute,
      OffsetDateTime firstStarted,
      OffsetDateTime lastFinished) {}

  /** The batch of the workspace, limited to {@code owner}'s when set; empty if absent. */
  Optional<BatchView> find(long ws, UUID id, UUID owner) {
    return jdbc.first(
        "read a grade batch",
        """
            SELECT b.id, b.item_count, b.created_at, b.finished_at, b.callback_url,
                b.callback_status, b.callback_attempts, b.callback_error,
                c.done, c.failed, c.last_minute, c.first_started, c.last_finished
            FROM grade_batch b, LATERAL (
                SELECT count(*) FILTER (WHERE status = 'done') AS done,
                    count(*) FILTER (WHERE status = 'failed') AS failed,
                    count(*) FILTER (WHERE finished_at > now() - interval '1 minute')
                        AS last_minute,
                    min(started_at) AS first_started, max(finished_at) AS last_finished
                FROM work_item WHERE batch_id = b.id) c
            WHERE b.workspace_id = ? AND b.id = ? AND (?::uuid IS NULL OR b.created_by = ?)
            """,
        BatchRepository::view,
        ws,
        id,
        owner,
        owner);
  }

  private static BatchView view(Jdbc.Row r) throws SQLException {
    Counts c =
        new Counts(
            r.intValue("item_count"),
            r.intValue("done"),
            r.intValue("failed"),
            r.intValue("last_minute"),
            r.time("first_started"),
            r.time("last_finished"));
    OffsetDateTime finished = r.time("finished_at");
    int remaining = c.total() - c.done() - c.failed();
    Double rate = rate(c, finished);
    Long eta =
        rate == null || rate == 0 ? null : remaining == 0 ? 0L : Math.round(remaining / rate);
    String url = r.string("callback_url");
    BatchView.Callback callback =
        url == null
            ? null
            : new BatchView.Callback(
                url,
                r.string("callback_status"),
                r.intValue("callback_attempts"),
                r.string("callback_error"));
    return new BatchView(
        r.uuid("id"),
        finished == null ? BatchStatus.RUNNING : BatchStatus.DONE,
        c.total(),
        c.done(),
        c.failed(),
        remaining,
        rate,
        eta,
        r.time("created_at"),
        finished,
        callback);
  }

  /** Items per second: over the last minute while running, over the whole run once done. */
  private static Double rate(Counts c, OffsetDateTime finished) {
    if (finished == null && c.lastMinute() > 0) {
      return Math.round(c.lastMinute() / 60.0 * 100) / 100.0;
    }
    if (c.firstStarted() == null || c.lastFinished() == null) {
      return null;
    }
    double seconds =
        Math.max(0.001, Duration.between(c.firstStarted(), c.lastFinished()).toMillis() / 1000.0);
    return Math.round((c.done() + c.failed()) / seconds * 100) / 100.0;
  }

  /** One stored item of a batch, before its grade is read. */
  record StoredItem(
      int line, String candidateRef, WorkStatus status, UUID gradeId, ItemError error) {}

  /** Items {@code from}..{@code from + limit - 1} (0-based, in line order). */
  List<StoredItem> items(UUID batchId, long from, int limit) {
    return jdbc.list(
        "read batch items",
        """
        SELECT line, payload -> 'request' ->> 'candidateRef' AS candidate_ref, status, grade_id,
            error
        FROM work_item WHERE batch_id = ? ORDER BY line LIMIT ? OFFSET ?
        """,
        r ->
            new StoredItem(
                r.intValue("line"),
                r.string("candidate_ref"),
                WorkStatus.parse(r.string("status")),
                r.uuid("grade_id"),
                r.json("error", ItemError.class)),
        batchId,
        limit,
        from);
  }
}
