package dev.assay.grading;

import dev.assay.bank.Rubrics;
import dev.assay.platform.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The grade log as the API lists it: filtered pages, newest first, and their count. */
@ApplicationScoped
class GradeList {
  private final Jdbc jdbc;
  private final GradeRepository grades;
  private final Rubrics rubrics;

  GradeList(Jdbc jdbc, GradeRepository grades, Rubrics rubrics) {
    this.jdbc = jdbc;
    this.grades = grades;
    this.rubrics = rubrics;
  }

  /** Filters of the grade list; null fields do not filter. */
  record Filter(
      Long questionId,
      String candidateRef,
      GradingMode mode,
      String flag,
      OffsetDateTime from,
      OffsetDateTime to,
      UUID owner,
      Boolean stale) {}

  List<GradeView> page(long workspaceId, Filter f, int page, int size) {
    List<Object> args = new ArrayList<>();
    String where = where(workspaceId, f, args);
    args.add(size);
    args.add((long) page * size);
    return grades.read(
        where + " ORDER BY g.created_at DESC, g.id LIMIT ? OFFSET ?", args.toArray());
  }

  long count(long workspaceId, Filter f) {
    List<Object> args = new ArrayList<>();
    String where = where(workspaceId, f, args);
    return jdbc.first(
            "count grades",
            "SELECT count(*) AS n FROM grade g " + where,
            r -> r.longValue("n"),
            args.toArray())
        .orElseThrow();
  }

  private String where(long workspaceId, Filter f, List<Object> args) {
    StringBuilder sb = new StringBuilder("WHERE g.workspace_id = ?");
    args.add(workspaceId);
    if (f.stale() != null) {
      // Stale: made under a rubric version the bank has since replaced.
      sb.append(f.stale() ? " AND" : " AND NOT").append(" g.rubric_version_id = ANY (?)");
      args.add(Jdbc.array("bigint", rubrics.staleIds(workspaceId)));
    }
    if (f.owner() != null) {
      sb.append(" AND g.created_by_key = ?");
      args.add(f.owner());
    }
    if (f.questionId() != null) {
      sb.append(" AND g.question_id = ?");
      args.add(f.questionId());
    }
    if (f.candidateRef() != null) {
      sb.append(" AND g.candidate_ref = ?");
      args.add(f.candidateRef());
    }
    if (f.mode() != null) {
      sb.append(" AND g.mode = ?");
      args.add(f.mode().wire());
    }
    if (f.flag() != null) {
      sb.append(" AND g.flags @> ARRAY[?]::varchar[]");
      args.add(f.flag());
    }
    if (f.from() != null) {
      sb.append(" AND g.created_at >= ?");
      args.add(Timestamp.from(f.from().toInstant()));
    }
    if (f.to() != null) {
      sb.append(" AND g.created_at < ?");
      args.add(Timestamp.from(f.to().toInstant()));
    }
    return sb.toString();
  }
}
