package dev.assay.review;

import dev.assay.platform.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The grades of a time window and their review state, for the live agreement report. */
@ApplicationScoped
class AgreementRepository {
  private static final String WINDOW =
      """
       FROM grade g
       WHERE g.workspace_id = ? AND g.created_at >= ? AND g.created_at < ?
         AND (?::bigint IS NULL OR g.question_id = ?)
      """;

  private final Jdbc jdbc;
  private final ReviewRepository reviews;

  AgreementRepository(Jdbc jdbc, ReviewRepository reviews) {
    this.jdbc = jdbc;
    this.reviews = reviews;
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
    record Row(long rubricVersionId, Reviewed reviewed) {}
    List<Row> rows =
        jdbc.list(
            "read the reviewed grades of the window",
            "SELECT g.id, g.rubric_version_id, g.overall_score, g.overall_max, "
                + ReviewRepository.IN_AUDIT_SAMPLE
                + " AS in_audit"
                + WINDOW
                + " AND "
                + ReviewRepository.REVIEWED
                + " ORDER BY g.created_at, g.id",
            r ->
                new Row(
                    r.longValue("rubric_version_id"),
                    new Reviewed(
                        r.uuid("id"),
                        null,
                        r.doubleValue("overall_score"),
                        r.doubleValue("overall_max"),
                        r.bool("in_audit"))),
            scope.args(auditCut));
    Map<Long, String> slugs =
        reviews.questionSlugs(rows.stream().map(Row::rubricVersionId).toList());
    return rows.stream()
        .map(
            row -> {
              Reviewed r = row.reviewed();
              return new Reviewed(
                  r.id(), slugs.get(row.rubricVersionId()), r.overall(), r.scale(), r.audit());
            })
        .toList();
  }
}
