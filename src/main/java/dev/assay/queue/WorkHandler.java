package dev.assay.queue;

import dev.assay.platform.Jdbc;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Does the work of one {@link WorkKind}. A handler may be run more than once for one item (its
 * lease ran out while an instance was stopped or stalled), so its effects must be idempotent: a
 * grade item finds the grade an earlier attempt logged instead of logging a second one.
 */
public interface WorkHandler {
  WorkKind kind();

  /**
   * Does the item's work. Returns the grade it logged for a grade item (null for other kinds). An
   * {@link dev.assay.platform.ApiException} fails the item for good (the request cannot succeed)
   * unless it carries {@code Retry-After} (the database is away, or another attempt still holds the
   * item's idempotency key); those and any other exception are retried with backoff until the
   * attempts run out.
   */
  UUID handle(WorkItem item);

  /**
   * The queue gave up on the item ({@code reason} says why): record the failure where its user
   * looks, e.g. on the evaluation run.
   */
  default void gaveUp(WorkItem item, String reason) {}

  /**
   * Runs in the transaction that records the item's final outcome (done or failed), e.g. to close a
   * batch whose last item this was.
   */
  default void settled(Jdbc.Session session, WorkItem item) throws SQLException {}
}
