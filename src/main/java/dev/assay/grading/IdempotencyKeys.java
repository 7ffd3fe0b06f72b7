package dev.assay.grading;

import dev.assay.platform.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/** The {@code idempotency_key} table: reservations of Idempotency-Keys and their outcomes. */
@ApplicationScoped
class IdempotencyKeys {
  private final Jdbc jdbc;

  IdempotencyKeys(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** A request's claim on a key: the key, the hash of its body and the API key sending it. */
  record Claim(long workspaceId, String key, String requestHash, UUID caller) {}

  /** The key's row: who holds it, for which body, and the response once there is one. */
  record Entry(
      String requestHash,
      UUID createdByKey,
      UUID gradeId,
      Integer status,
      String response,
      boolean leaseLapsed) {

    /**
     * Whether the outcome can be replayed: the grade is logged and its response stored. The holder
     * stores the response just after the transaction that logs the grade; a row recorded before
     * responses were kept (no request hash), or whose holder's lease lapsed before it stored one,
     * is replayed from the logged grade instead.
     */
    boolean replayable() {
      return status != null && (response != null || requestHash == null || leaseLapsed);
    }
  }

  /**
   * Reserves the key for a request that will log grade {@code gradeId}; false when the key is
   * already held or used. A reservation older than {@code retention} is forgotten first.
   */
  boolean reserve(Claim c, UUID gradeId, Duration lease, Duration retention) {
    jdbc.update(
        "forget an expired idempotency key",
        """
        DELETE FROM idempotency_key WHERE workspace_id = ? AND key = ?
          AND created_at < now() - ?::bigint * interval '1 millisecond'
          AND (status IS NOT NULL OR lease_until < now())
        """,
        c.workspaceId(),
        c.key(),
        retention.toMillis());
    return jdbc.update(
            "reserve an idempotency key",
            """
            INSERT INTO idempotency_key
                (workspace_id, key, request_hash, created_by_key, grade_id, lease_until)
            VALUES (?, ?, ?, ?, ?, now() + ?::bigint * interval '1 millisecond')
            ON CONFLICT (workspace_id, key) DO NOTHING
            """,
            c.workspaceId(),
            c.key(),
            c.requestHash(),
            c.caller(),
            gradeId,
            lease.toMillis())
        == 1;
  }

  Optional<Entry> find(long workspaceId, String key) {
    return jdbc.first(
        "read an idempotency key",
        """
        SELECT request_hash, created_by_key, grade_id, status, response,
               lease_until < now() AS lapsed
        FROM idempotency_key WHERE workspace_id = ? AND key = ?
        """,
        IdempotencyKeys::entry,
        workspaceId,
        key);
  }

  private static Entry entry(Jdbc.Row r) throws SQLException {
    return new Entry(
        r.string("request_hash"),
        r.uuid("created_by_key"),
        r.uuid("grade_id"),
        r.nullableInt("status"),
        r.string("response"),
        r.bool("lapsed"));
  }

  /**
   * Takes over a key whose holder (planned grade {@code from}) let its lease lapse; false when
   * another request took it first or the holder finished after all.
   */
  boolean takeOver(Claim c, UUID from, UUID gradeId, Duration lease) {
    return jdbc.update(
            "take over an idempotency key",
            """
            UPDATE idempotency_key SET grade_id = ?, created_by_key = ?,
                lease_until = now() + ?::bigint * interval '1 millisecond'
            WHERE workspace_id = ? AND key = ? AND grade_id = ? AND status IS NULL
              AND lease_until < now()
            """,
            gradeId,
            c.caller(),
            lease.toMillis(),
            c.workspaceId(),
            c.key(),
            from)
        == 1;
  }

  /**
   * Marks the key used by grade {@code gradeId}, in the transaction that logs the grade; false when
   * the request no longer holds the key (its lease lapsed and another took it over).
   */
  boolean complete(Jdbc.Session session, Claim c, UUID gradeId, int status) throws SQLException {
    return session.update(
            """
            UPDATE idempotency_key SET status = ?
            WHERE workspace_id = ? AND key = ? AND grade_id = ? AND status IS NULL
            """,
            status,
            c.workspaceId(),
            c.key(),
            gradeId)
        == 1;
  }

  /** Remembers the response body as sent, so that replays send the same bytes. */
  void saveResponse(Claim c, UUID gradeId, String body) {
    jdbc.update(
        "remember an idempotent response",
        "UPDATE idempotency_key SET response = ? WHERE workspace_id = ? AND key = ? AND grade_id = ?",
        body,
        c.workspaceId(),
        c.key(),
        gradeId);
  }

  /** Gives the key up after a failed attempt, so a retry runs again rather than waiting. */
  void release(Claim c, UUID gradeId) {
    jdbc.update(
        "release an idempotency key",
        """
        DELETE FROM idempotency_key
        WHERE workspace_id = ? AND key = ? AND grade_id = ? AND status IS NULL
        """,
        c.workspaceId(),
        c.key(),
        gradeId);
  }

  /** Forgets every key older than {@code retention} that is not in flight; returns how many. */
  int purge(Duration retention) {
    return jdbc.update(
        "purge expired idempotency keys",
        """
        DELETE FROM idempotency_key
        WHERE created_at < now() - ?::bigint * interval '1 millisecond'
          AND (status IS NOT NULL OR lease_until < now())
        """,
        retention.toMillis());
  }
}
