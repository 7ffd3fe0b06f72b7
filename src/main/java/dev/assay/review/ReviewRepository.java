package dev.assay.review;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.bank.Rubrics;
import dev.assay.grading.GradingMode;
import dev.assay.platform.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Review events and the review queue, through plain JDBC. */
@ApplicationScoped
class ReviewRepository {
  private static final TypeReference<Map<String, Double>> SCORES = new TypeReference<>() {};

  /**
   * Whether grade {@code g} is in the deterministic random audit sample: its id hashed to 0..9999
   * falls below the one parameter, bound to {@link #auditCut}. One definition for the queue and for
   * the agreement report, so the report's unbiased sample is exactly the one the queue sent to
   * review.
   */
  static final String IN_AUDIT_SAMPLE = "abs(hashtext(g.id::text)) % 10000 < ?";

  /** Whether a human confirmed or overrode grade {@code g}. */
  static final String REVIEWED =
      "EXISTS (SELECT 1 FROM grade_event r WHERE r.grade_id = g.id AND r.kind IN ('confirmed', 'overridden'))";

  private final Jdbc jdbc;
  private final ObjectMapper json;
  private final Rubrics rubrics;

  ReviewRepository(Jdbc jdbc, ObjectMapper json, Rubrics rubrics) {
    this.jdbc = jdbc;
    this.json = json;
    this.rubrics = rubrics;
  }

  void insert(
      long workspaceId,
      UUID gradeId,
      EventKind kind,
      UUID actor,
      ReasonCode reasonCode,
      String reason,
      Double overall,
      Map<String, Double> criteria,
      OffsetDateTime expiresAt) {
    jdbc.update(
        "record a review event",
        """
        INSERT INTO grade_event (workspace_id, grade_id, kind, actor_key, reason_code, reason,
            overall_score, criteria, expires_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        workspaceId,
        gradeId,
        kind.wire(),
        actor,
        reasonCode == null ? null : reasonCode.wire(),
        reason,
        overall,
        jdbc.json(criteria),
        expiresAt);
  }

  List<ReviewEvent> events(UUID gradeId) {
    return events(List.of(gradeId)).getOrDefault(gradeId, List.of());
  }

  /** The review events of many grades in one query, each grade's oldest first. */
  Map<UUID, List<ReviewEvent>> events(Collection<UUID> gradeIds) {
    if (gradeIds.isEmpty()) {
      return Map.of();
    }
    return jdbc
        .list(
            "read review events",
            """
            SELECT grade_id, kind, actor_key, reason_code, reason, overall_score, criteria,
                   expires_at, created_at
            FROM grade_event WHERE grade_id = ANY (?) ORDER BY grade_id, created_at, id
            """,
            r ->
                Map.entry(
                    r.uuid("grade_id"),
                    new ReviewEvent(
                        EventKind.fromWire(r.string("kind")),
                        r.uuid("actor_key"),
                        r.string("reason_code") == null
                            ? null
                            : ReasonCode.fromWire(r.string("reason_code")),
                        r.string("reason"),
                        r.nullableDouble("overall_score"),
                        r.json("criteria", SCORES),
                        r.time("expires_at"),
                        r.time("created_at"))),
            new Jdbc.SqlArray("uuid", gradeIds.toArray()))
        .stream()
        .collect(
            Collectors.groupingBy(
                Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
  }

  /** Links a grade to the grade that re-graded it under a newer rubric version. */
  void regraded(long workspaceId, UUID gradeId, UUID actor, UUID newGrade) {
    jdbc.update(
        "record the re-grade",
        "INSERT INTO grade_event (workspace_id, grade_id, kind, actor_key, related_grade) VALUES (?, ?, 'regraded', ?, ?)",
        workspaceId,
        gradeId,
        actor,
        newGrade);
  }

  /** Which of these grades were already re-graded. */
  Set<UUID> alreadyRegraded(Collection<UUID> gradeIds) {
    if (gradeIds.isEmpty()) {
      return Set.of();
    }
    return new HashSet<>(
        jdbc.list(
            "read re-grades",
            "SELECT DISTINCT grade_id FROM grade_event WHERE kind = 'regraded' AND grade_id = ANY (?)",
            r -> r.uuid("grade_id"),
            new Jdbc.SqlArray("uuid", gradeIds.toArray())));
  }

  /** Serialises claims on one grade until the transaction ends. */
  void lock(UUID gradeId) {
    jdbc.list(
        "lock the grade", "SELECT pg_advisory_xact_lock(hashtext(?))", r -> 0, gradeId.toString());
  }

  /** A grade waiting for review, why, and who holds it. */
  record QueueRow(
      UUID gradeId,
      String questionId,
      GradingMode mode,
      double confidence,
      List<String> flags,
      boolean audit,
      UUID claimedBy,
      OffsetDateTime claimExpires,
      OffsetDateTime createdAt) {}

  /**
   * Grades with no confirmation or override that are low-confidence, flagged, fallbacks or in the
   * deterministic random audit sample, oldest first.
   */
  List<QueueRow> queue(
      long workspaceId, double lowConfidence, double auditRate, int page, int size) {
    int auditCut = auditCut(auditRate);
    List<Queued> rows =
        jdbc.list(
            "read the review queue",
            """
        SELECT g.id, g.rubric_version_id, g.mode, g.confidence, g.flags, %1$s AS audit,
               c.actor_key, c.expires_at, g.created_at
        FROM grade g
        LEFT JOIN LATERAL (
            SELECT e.kind, e.actor_key, e.expires_at FROM grade_event e
            WHERE e.grade_id = g.id AND e.kind IN ('claimed', 'released')
            ORDER BY e.created_at DESC, e.id DESC LIMIT 1) c ON c.kind = 'claimed' AND c.expires_at > now()
        WHERE g.workspace_id = ?
          AND NOT %2$s
          AND (g.confidence < ? OR g.mode = 'fallback'
               OR EXISTS (SELECT 1 FROM unnest(g.flags) f WHERE f <> 'reused-grade')
               OR %1$s)
        ORDER BY g.created_at, g.id
        LIMIT ? OFFSET ?
        """
                .formatted(IN_AUDIT_SAMPLE, REVIEWED),
            ReviewRepository::queued,
            auditCut,
            workspaceId,
            lowConfidence,
            auditCut,
            size,
            (long) page * size);
    Map<Long, String> slugs = questionSlugs(rows.stream().map(Queued::rubricVersionId).toList());
    return rows.stream().map(q -> q.row(slugs.get(q.rubricVersionId()))).toList();
  }

  /** The question slugs of these rubric versions, through the bank. */
  Map<Long, String> questionSlugs(Collection<Long> rubricVersionIds) {
    return rubrics.refs(Set.copyOf(rubricVersionIds)).entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().questionSlug()));
  }

  /** A queue row before its question's slug is looked up. */
  private record Queued(long rubricVersionId, QueueRow row) {
    QueueRow row(String questionSlug) {
      return new QueueRow(
          row.gradeId(),
          questionSlug,
          row.mode(),
          row.confidence(),
          row.flags(),
          row.audit(),
          row.claimedBy(),
          row.claimExpires(),
          row.createdAt());
    }
  }

  /** The bound of {@link #IN_AUDIT_SAMPLE} for a sampling rate between 0 and 1. */
  static int auditCut(double auditRate) {
    return (int) Math.round(auditRate * 10000);
  }

  private static Queued queued(Jdbc.Row r) throws SQLException {
    return new Queued(
        r.longValue("rubric_version_id"),
        new QueueRow(
            r.uuid("id"),
            null,
            GradingMode.fromWire(r.string("mode")),
            r.doubleValue("confidence"),
            r.strings("flags"),
            r.bool("audit"),
            r.uuid("actor_key"),
            r.time("expires_at"),
            r.time("created_at")));
  }
}
