package dev.assay.queue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.platform.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The {@code work_item} table: a queue in PostgreSQL shared by every instance. Items are claimed
 * with {@code FOR UPDATE SKIP LOCKED} (two instances never claim one item at once) and held by a
 * lease that the claimant's heartbeat extends; an item whose lease ran out (its instance was killed
 * or stalled) is ready again. Outcomes are written only by the current lease's holder.
 */
@ApplicationScoped
public class WorkQueue {
  private static final String CLAIMED =
      "id, kind, workspace_id, batch_id, line, subject, payload, attempts, lease_token";

  private final Jdbc jdbc;
  private final Object signal = new Object();

  WorkQueue(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** A new item for {@link #enqueue}; {@code batchId} and {@code line} only for grade items. */
  public record NewItem(
      WorkKind kind, long workspaceId, UUID batchId, Integer line, UUID subject, Object payload) {}

  /** Adds items in one statement per item on one transaction's connection. */
  public void enqueue(Jdbc.Session session, List<NewItem> items) throws SQLException {
    for (NewItem item : items) {
      session.update(
          "INSERT INTO work_item (kind, workspace_id, batch_id, line, subject, payload)"
              + " VALUES (?, ?, ?, ?, ?, ?)",
          item.kind().wire(),
          item.workspaceId(),
          item.batchId(),
          item.line(),
          item.subject(),
          jdbc.json(item.payload()));
    }
  }

  /** Adds one item in a transaction of its own and wakes this instance's idle workers. */
  public void enqueue(NewItem item) {
    jdbc.inTransaction(
        "queue work",
        s -> {
          enqueue(s, List.of(item));
          return null;
        });
    wake();
  }

  /** Wakes this instance's idle workers (other instances find the work at their next poll). */
  public void wake() {
    synchronized (signal) {
      signal.notifyAll();
    }
  }

  /** Waits up to {@code timeout} for {@link #wake}. */
  void awaitWork(Duration timeout) throws InterruptedException {
    synchronized (signal) {
      signal.wait(Math.max(1, timeout.toMillis()));
    }
  }

  /**
   * Claims up to {@code limit} ready items of {@code kinds} for {@code owner}: queued ones whose
   * backoff has passed, and running ones whose lease ran out. Oldest first.
   */
  List<WorkItem> claim(String owner, Collection<WorkKind> kinds, int limit, Duration lease) {
    return jdbc.list(
        "claim work",
        """
        UPDATE work_item w SET status = 'running', lease_owner = ?, lease_token = gen_random_uuid(),
            lease_until = now() + ? * interval '1 millisecond', attempts = w.attempts + 1,
            started_at = coalesce(w.started_at, now())
        WHERE w.id IN (
            SELECT id FROM work_item
            WHERE kind = ANY (?)
              AND ((status = 'queued' AND run_after <= now())
                   OR (status = 'running' AND lease_until < now()))
            ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED)
        RETURNING\s"""
            + CLAIMED,
        WorkQueue::item,
        owner,
        lease.toMillis(),
        Jdbc.array("text", kinds.stream().map(WorkKind::wire).collect(Collectors.toList())),
        limit);
  }

  /** Extends the leases this instance holds; returns how many it still holds. */
  int heartbeat(Collection<UUID> tokens, Duration lease) {
    if (tokens.isEmpty()) {
      return 0;
    }
    return jdbc.update(
        "extend leases",
        "UPDATE work_item SET lease_until = now() + ? * interval '1 millisecond'"
            + " WHERE status = 'running' AND lease_token = ANY (?)",
        lease.toMillis(),
        Jdbc.array("uuid", tokens));
  }

  /** Work run in the transaction that records an outcome (e.g. closing a finished batch). */
  @FunctionalInterface
  public interface AfterOutcome {
    void run(Jdbc.Session session, WorkItem item) throws SQLException;
  }

  /** Marks the item done (linking {@code gradeId}); false if its lease was taken over. */
  boolean complete(WorkItem item, UUID gradeId, AfterOutcome after) {
    return finish(item, "done", gradeId, null, after);
  }

  /** Fails the item for good with {@code error}; false if its lease was taken over. */
  boolean fail(WorkItem item, Object error, AfterOutcome after) {
    return finish(item, "failed", null, error, after);
  }

  private boolean finish(
      WorkItem item, String status, UUID gradeId, Object error, AfterOutcome after) {
    return jdbc.inTransaction(
        "record a work outcome",
        s -> {
          int changed =
              s.update(
                  "UPDATE work_item SET status = ?, grade_id = coalesce(?, grade_id), error = ?,"
                      + " finished_at = now(), lease_until = NULL"
                      + " WHERE id = ? AND lease_token = ? AND status = 'running'",
                  status,
                  gradeId,
                  jdbc.json(error),
                  item.id(),
                  item.leaseToken());
          if (changed == 1 && after != null) {
            after.run(s, item);
          }
          return changed == 1;
        });
  }

  /** Puts the item back with a delay after a transient error; false if its lease was taken over. */
  boolean retryLater(WorkItem item, Duration delay, Object error) {
    return jdbc.update(
            "put work back",
            "UPDATE work_item SET status = 'queued', run_after = now() + ? * interval '1"
                + " millisecond', error = ?, lease_owner = NULL, lease_token = NULL,"
                + " lease_until = NULL WHERE id = ? AND lease_token = ? AND status = 'running'",
            delay.toMillis(),
            jdbc.json(error),
            item.id(),
            item.leaseToken())
        == 1;
  }

  /**
   * Hands back items this instance holds but has not finished (it is stopping), so another instance
   * takes them at once rather than when the lease runs out. The attempt is not counted.
   */
  void release(Collection<UUID> tokens) {
    if (tokens.isEmpty()) {
      return;
    }
    jdbc.update(
        "release leases",
        "UPDATE work_item SET status = 'queued', attempts = greatest(attempts - 1, 0),"
            + " lease_owner = NULL, lease_token = NULL, lease_until = NULL"
            + " WHERE status = 'running' AND lease_token = ANY (?)",
        Jdbc.array("uuid", tokens));
  }

  /**
   * Whether work about {@code subject} is unsettled: queued, or running (a running item whose lease
   * ran out will be claimed again, so it is still the queue's to finish or fail).
   */
  public boolean pending(UUID subject) {
    return jdbc.first(
            "read work state",
            "SELECT 1 AS one FROM work_item WHERE subject = ? AND status IN ('queued', 'running')"
                + " LIMIT 1",
            r -> r.intValue("one"),
            subject)
        .isPresent();
  }

  /** Whether attempt {@code attempt} of item {@code id} still holds a live lease. */
  public boolean holds(long id, int attempt) {
    return jdbc.first(
            "read work state",
            "SELECT 1 AS one FROM work_item WHERE id = ? AND attempts = ? AND status = 'running'"
                + " AND lease_until >= now()",
            r -> r.intValue("one"),
            id,
            attempt)
        .isPresent();
  }

  /** The item's current status, for tests and diagnostics. */
  public Optional<String> status(long id) {
    return jdbc.first(
        "read work state",
        "SELECT status FROM work_item WHERE id = ?",
        r -> r.string("status"),
        id);
  }

  private static WorkItem item(Jdbc.Row r) throws SQLException {
    return new WorkItem(
        r.longValue("id"),
        WorkKind.parse(r.string("kind")),
        r.longValue("workspace_id"),
        r.uuid("batch_id"),
        r.nullableInt("line"),
        r.uuid("subject"),
        r.json("payload", JsonNode.class),
        r.intValue("attempts"),
        r.uuid("lease_token"));
  }
}
