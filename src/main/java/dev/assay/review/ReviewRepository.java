package dev.assay.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.bank.CriterionSpec;
import dev.assay.platform.Jsonb;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/** Review events and the review queue, through plain JDBC. */
@ApplicationScoped
class ReviewRepository {
  private static final TypeReference<Map<String, Double>> SCORES = new TypeReference<>() {};
  private static final TypeReference<List<CriterionSpec>> SPECS = new TypeReference<>() {};

  private final DataSource dataSource;
  private final ObjectMapper json;

  ReviewRepository(DataSource dataSource, ObjectMapper json) {
    this.dataSource = dataSource;
    this.json = json;
  }

  void insert(
      long workspaceId,
      UUID gradeId,
      String kind,
      UUID actor,
      String reasonCode,
      String reason,
      Double overall,
      Map<String, Double> criteria,
      OffsetDateTime expiresAt) {
    String sql =
        """
        INSERT INTO grade_event (workspace_id, grade_id, kind, actor_key, reason_code, reason,
            overall_score, criteria, expires_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """;
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, workspaceId);
      ps.setObject(2, gradeId);
      ps.setString(3, kind);
      ps.setObject(4, actor);
      ps.setString(5, reasonCode);
      ps.setString(6, reason);
      ps.setObject(7, overall);
      ps.setObject(8, Jsonb.of(json, criteria));
      ps.setObject(9, expiresAt == null ? null : Timestamp.from(expiresAt.toInstant()));
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot record review event", e);
    }
  }

  List<ReviewEvent> events(UUID gradeId) {
    String sql =
        """
        SELECT kind, actor_key, reason_code, reason, overall_score, criteria, expires_at, created_at
        FROM grade_event WHERE grade_id = ? ORDER BY created_at, id
        """;
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, gradeId);
      List<ReviewEvent> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new ReviewEvent(
                  rs.getString(1),
                  rs.getObject(2, UUID.class),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getObject(5) == null ? null : rs.getDouble(5),
                  rs.getString(6) == null ? null : read(rs.getString(6), SCORES),
                  rs.getObject(7, OffsetDateTime.class),
                  rs.getObject(8, OffsetDateTime.class)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read review events", e);
    }
  }

  /** The criteria of the rubric version a grade was made under. */
  List<CriterionSpec> criteria(UUID gradeId) {
    String sql =
        "SELECT r.criteria FROM grade g JOIN rubric_version r ON r.id = g.rubric_version_id WHERE g.id = ?";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, gradeId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return read(rs.getString(1), SPECS);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the grade's rubric", e);
    }
  }

  /** The weights of the rubric version a grade was made under, by criterion key. */
  Map<String, Double> weights(UUID gradeId) {
    Map<String, Double> out = new java.util.LinkedHashMap<>();
    criteria(gradeId).forEach(c -> out.put(c.key(), c.weight()));
    return out;
  }

  /** Links a grade to the grade that re-graded it under a newer rubric version. */
  void regraded(long workspaceId, UUID gradeId, UUID actor, UUID newGrade) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO grade_event (workspace_id, grade_id, kind, actor_key, related_grade) VALUES (?, ?, 'regraded', ?, ?)")) {
      ps.setLong(1, workspaceId);
      ps.setObject(2, gradeId);
      ps.setObject(3, actor);
      ps.setObject(4, newGrade);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot record the re-grade", e);
    }
  }

  /** Which of these grades were already re-graded. */
  java.util.Set<UUID> alreadyRegraded(java.util.Collection<UUID> gradeIds) {
    java.util.Set<UUID> out = new java.util.HashSet<>();
    if (gradeIds.isEmpty()) {
      return out;
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT DISTINCT grade_id FROM grade_event WHERE kind = 'regraded' AND grade_id = ANY (?)")) {
      ps.setArray(1, c.createArrayOf("uuid", gradeIds.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getObject(1, UUID.class));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read re-grades", e);
    }
  }

  /** The rubric version a grade was made under. */
  long rubricVersionId(UUID gradeId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT rubric_version_id FROM grade WHERE id = ?")) {
      ps.setObject(1, gradeId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the grade", e);
    }
  }

  /** The key that logged a grade (null for internal runs). */
  UUID gradedBy(UUID gradeId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT created_by_key FROM grade WHERE id = ?")) {
      ps.setObject(1, gradeId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getObject(1, UUID.class) : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the grade", e);
    }
  }

  /** Serialises claims on one grade until the transaction ends. */
  void lock(UUID gradeId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
      ps.setString(1, gradeId.toString());
      ps.executeQuery().close();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot lock the grade", e);
    }
  }

  /** A grade waiting for review, why, and who holds it. */
  record QueueRow(
      UUID gradeId,
      String questionId,
      String mode,
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
    String sql =
        """
        SELECT g.id, q.slug, g.mode, g.confidence, g.flags,
               abs(hashtext(g.id::text)) % 10000 < ? AS audit,
               c.actor_key, c.expires_at, g.created_at
        FROM grade g JOIN question q ON q.id = g.question_id
        LEFT JOIN LATERAL (
            SELECT e.kind, e.actor_key, e.expires_at FROM grade_event e
            WHERE e.grade_id = g.id AND e.kind IN ('claimed', 'released')
            ORDER BY e.created_at DESC, e.id DESC LIMIT 1) c ON c.kind = 'claimed' AND c.expires_at > now()
        WHERE g.workspace_id = ?
          AND NOT EXISTS (SELECT 1 FROM grade_event r
                          WHERE r.grade_id = g.id AND r.kind IN ('confirmed', 'overridden'))
          AND (g.confidence < ? OR g.mode = 'fallback'
               OR EXISTS (SELECT 1 FROM unnest(g.flags) f WHERE f <> 'reused-grade')
               OR abs(hashtext(g.id::text)) % 10000 < ?)
        ORDER BY g.created_at, g.id
        LIMIT ? OFFSET ?
        """;
    int auditCut = (int) Math.round(auditRate * 10000);
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setInt(1, auditCut);
      ps.setLong(2, workspaceId);
      ps.setDouble(3, lowConfidence);
      ps.setInt(4, auditCut);
      ps.setInt(5, size);
      ps.setLong(6, (long) page * size);
      List<QueueRow> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new QueueRow(
                  rs.getObject(1, UUID.class),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getDouble(4),
                  Arrays.asList((String[]) rs.getArray(5).getArray()),
                  rs.getBoolean(6),
                  rs.getObject(7, UUID.class),
                  rs.getObject(8, OffsetDateTime.class),
                  rs.getObject(9, OffsetDateTime.class)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the review queue", e);
    }
  }

  private <T> T read(String value, TypeReference<T> type) {
    try {
      return json.readValue(value, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored review JSON is unreadable", e);
    }
  }
}
