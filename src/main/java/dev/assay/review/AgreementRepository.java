package dev.assay.review;

import dev.assay.platform.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The grades of a time window and their review state, for the live agreement report. */
@ApplicationScoped
class AgreementRepository {
  private static final String WINDOW =
      """
       FROM grade g JOIN question q ON q.id = g.question_id
       WHERE g.workspace_id = ? AND g.created_at >= ? AND g.created_at < ?
         AND (?::bigint IS NULL OR g.question_id = ?)
      """;

  private final Jdbc jdbc;

  AgreementRepository(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** A workspace's grades made in [from, to), of one question or (null) all. */
  record Scope(long workspaceId, OffsetDateTime from, OffsetDateTime to, Long questionId) {
    private Object[] args(int auditCut) {
      return new Object[] {auditCut, workspaceId, from, to, questionId, questionId};
    }
  }

  /** How many grades the scope holds, and how many of them are in the audit sample. */
  record Counts(long grades, long inAuditSample) {}

  /** A grade a human confirmed or overrode: its question, automated overall and scale. */
  record Reviewed(UUID id, String questionId, double overall, double scale, boolean audit) {}

  Counts counts(Scope scope, int auditCut) {
    return jdbc.first(
            "count the grades of the window",
            "SELECT count(*) AS grades, count(*) FILTER (WHERE "
                + ReviewRepository.IN_AUDIT_SAMPLE
                + ") AS in_audit"
                + WINDOW,
            r -> new Counts(r.longValue("grades"), r.longValue("in_audit")),
            scope.args(auditCut))
        .orElseThrow();
  }

  /** The reviewed grades of the scope, oldest first, each marked with its audit membership. */
  List<Reviewed> reviewed(Scope scope, int auditCut) {
    return jdbc.list(
        "read the reviewed grades of the window",
        "SELECT g.id, q.slug, g.overall_score, g.overall_max, "
            + ReviewRepository.IN_AUDIT_SAMPLE
            + " AS in_audit"
            + WINDOW
            + " AND "
            + ReviewRepository.REVIEWED
            + " ORDER BY g.created_at, g.id",
        r ->
            new Reviewed(
                r.uuid("id"),
                r.string("slug"),
                r.doubleValue("overall_score"),
                r.doubleValue("overall_max"),
                r.bool("in_audit")),
        scope.args(auditCut));
  }
}
