package dev.assay.grading;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pgvector.PGvector;
import dev.assay.platform.Jdbc;
import dev.assay.platform.Jsonb;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.util.PGobject;

/** The append-only grade log, through plain JDBC (answer vectors are pgvector types). */
@ApplicationScoped
class GradeRepository {
  private static final TypeReference<List<Verdict.CriterionGrade>> CRITERIA =
      new TypeReference<>() {};
  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};
  private static final String COLUMNS =
      """
      g.id, q.slug, r.version, g.candidate_ref, g.tags, g.mode, g.overall_score, g.overall_max,
      g.overall_percent, g.confidence, g.flags, g.criteria, g.rationale, g.provenance, g.reused_from,
      g.answer, g.created_at,
      r.version < (SELECT max(r2.version) FROM rubric_version r2 WHERE r2.question_id = g.question_id)
      """;
  private static final String FROM =
      """
       FROM grade g JOIN question q ON q.id = g.question_id
       JOIN rubric_version r ON r.id = g.rubric_version_id
      """;

  private final DataSource dataSource;
  private final Jdbc jdbc;
  private final ObjectMapper json;
  private final ReviewNeeds reviewNeeds;

  GradeRepository(DataSource dataSource, Jdbc jdbc, ObjectMapper json, ReviewNeeds reviewNeeds) {
    this.dataSource = dataSource;
    this.jdbc = jdbc;
    this.json = json;
    this.reviewNeeds = reviewNeeds;
  }

  /** Everything a new log row holds. */
  record NewGrade(
      UUID id,
      long workspaceId,
      long questionId,
      long rubricVersionId,
      String candidateRef,
      List<String> tags,
      String idempotencyKey,
      String answer,
      String answerKey,
      float[] answerVector,
      GradingMode mode,
      double overallScore,
      double overallMax,
      double overallPercent,
      double confidence,
      List<String> flags,
      List<Verdict.CriterionGrade> criteria,
      String rationale,
      Map<String, Object> provenance,
      String dedupKey,
      UUID reusedFrom,
      List<String> llmRawOutputs,
      UUID createdByKey,
      Long graderConfigId,
      String embeddingModel) {}

  /** Inserts a grade; false when another request with the same idempotency key got there first. */
  boolean insert(NewGrade g) {
    String sql =
        """
        INSERT INTO grade (id, workspace_id, question_id, rubric_version_id, candidate_ref, tags,
            idempotency_key, answer, answer_key, answer_embedding, mode, overall_score, overall_max,
            overall_percent, confidence, flags, criteria, rationale, provenance, dedup_key,
            reused_from, llm_raw_output, created_by_key, grader_config_id, answer_embedding_model)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (workspace_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
        """;
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, g.id());
      ps.setLong(2, g.workspaceId());
      ps.setLong(3, g.questionId());
      ps.setLong(4, g.rubricVersionId());
      ps.setString(5, g.candidateRef());
      ps.setArray(6, c.createArrayOf("varchar", g.tags().toArray()));
      ps.setString(7, g.idempotencyKey());
      ps.setString(8, g.answer());
      ps.setString(9, g.answerKey());
      ps.setObject(10, g.answerVector() == null ? null : new PGvector(g.answerVector()));
      ps.setString(11, g.mode().wire());
      ps.setDouble(12, g.overallScore());
      ps.setDouble(13, g.overallMax());
      ps.setDouble(14, g.overallPercent());
      ps.setDouble(15, g.confidence());
      ps.setArray(16, c.createArrayOf("varchar", g.flags().toArray()));
      ps.setObject(17, jsonb(g.criteria()));
      ps.setString(18, g.rationale());
      ps.setObject(19, jsonb(g.provenance()));
      ps.setString(20, g.dedupKey());
      ps.setObject(21, g.reusedFrom());
      ps.setObject(22, g.llmRawOutputs() == null ? null : jsonb(g.llmRawOutputs()));
      ps.setObject(23, g.createdByKey());
      ps.setObject(24, g.graderConfigId());
      ps.setString(25, g.embeddingModel());
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot log grade " + g.id(), e);
    }
  }

  /** What a shadow configuration made of a live answer; stored apart from the grade log. */
  record ShadowGrade(
      UUID gradeId,
      long workspaceId,
      long graderConfigId,
      GradingMode mode,
      double overallScore,
      double overallMax,
      double confidence,
      List<String> flags,
      List<Verdict.CriterionGrade> criteria,
      Map<String, Object> provenance) {}

  void insertShadow(ShadowGrade g) {
    try {
      jdbc.update(
          "log a shadow grade",
          """
          INSERT INTO shadow_grade (id, workspace_id, grade_id, grader_config_id, mode,
              overall_score, overall_max, confidence, flags, criteria, provenance)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          """,
          UUID.randomUUID(),
          g.workspaceId(),
          g.gradeId(),
          g.graderConfigId(),
          g.mode().wire(),
          g.overallScore(),
          g.overallMax(),
          g.confidence(),
          new Jdbc.SqlArray("varchar", g.flags().toArray()),
          jsonb(g.criteria()),
          jsonb(g.provenance()));
    } catch (SQLException e) {
      throw new IllegalStateException("cannot log the shadow grade of " + g.gradeId(), e);
    }
  }

  /** A grade of the workspace; with {@code owner} set, only one logged by that key. */
  Optional<GradeView> find(long workspaceId, UUID id, UUID owner) {
    return queryOne(
        "SELECT "
            + COLUMNS
            + FROM
            + " WHERE g.workspace_id = ? AND g.id = ? AND (?::uuid IS NULL OR g.created_by_key = ?)",
        workspaceId,
        id,
        owner,
        owner);
  }

  /** The grade logged under an idempotency key, with the key that logged it. */
  record Keyed(GradeView grade, UUID createdByKey) {}

  Optional<Keyed> findByIdempotencyKey(long workspaceId, String key) {
    return jdbc.first(
        "read grades",
        "SELECT "
            + COLUMNS
            + ", g.created_by_key"
            + FROM
            + " WHERE g.workspace_id = ? AND g.idempotency_key = ?",
        rs -> new Keyed(view(rs), rs.getObject(19, UUID.class)),
        workspaceId,
        key);
  }

  /** The earliest first-hand grade (not a fallback, not itself reused) with this dedup key. */
  Optional<GradeView> findReusable(long workspaceId, String dedupKey) {
    return queryOne(
        "SELECT "
            + COLUMNS
            + FROM
            + " WHERE g.workspace_id = ? AND g.dedup_key = ? AND g.mode <> 'fallback' AND g.reused_from IS NULL"
            + " ORDER BY g.created_at LIMIT 1",
        workspaceId,
        dedupKey);
  }

  /** A grade of another candidate for the same question whose answer is nearest to this one. */
  record Neighbour(UUID id, String candidateRef, double similarity) {}

  /**
   * The nearest answers of other candidates to the same question, through the HNSW index; the
   * iterative scan keeps the filtered query from returning fewer rows than asked for.
   */
  List<Neighbour> nearestOtherCandidates(
      long workspaceId,
      long questionId,
      String candidateRef,
      float[] vector,
      String embeddingModel,
      int k) {
    String sql =
        """
        SELECT id, candidate_ref, 1 - (answer_embedding <=> ?) FROM grade
        WHERE workspace_id = ? AND question_id = ? AND answer_embedding IS NOT NULL
          AND answer_embedding_model = ?
          AND (?::text IS NULL OR candidate_ref IS DISTINCT FROM ?)
        ORDER BY answer_embedding <=> ? LIMIT ?
        """;
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try (Statement s = c.createStatement();
          PreparedStatement ps = c.prepareStatement(sql)) {
        s.execute("SET LOCAL hnsw.iterative_scan = relaxed_order");
        PGvector v = new PGvector(vector);
        ps.setObject(1, v);
        ps.setLong(2, workspaceId);
        ps.setLong(3, questionId);
        ps.setString(4, embeddingModel);
        ps.setString(5, candidateRef);
        ps.setString(6, candidateRef);
        ps.setObject(7, v);
        ps.setInt(8, k);
        List<Neighbour> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new Neighbour(rs.getObject(1, UUID.class), rs.getString(2), rs.getDouble(3)));
          }
        }
        c.commit();
        return out;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot search other candidates' answers", e);
    }
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

  List<GradeView> list(long workspaceId, Filter f, int page, int size) {
    List<Object> args = new ArrayList<>();
    String where = where(workspaceId, f, args);
    args.add(size);
    args.add((long) page * size);
    return query(
        "SELECT " + COLUMNS + FROM + where + " ORDER BY g.created_at DESC, g.id LIMIT ? OFFSET ?",
        args.toArray());
  }

  long count(long workspaceId, Filter f) {
    List<Object> args = new ArrayList<>();
    String where = where(workspaceId, f, args);
    return jdbc.first(
            "count grades", "SELECT count(*)" + FROM + where, rs -> rs.getLong(1), args.toArray())
        .orElseThrow();
  }

  private static String where(long workspaceId, Filter f, List<Object> args) {
    StringBuilder sb = new StringBuilder(" WHERE g.workspace_id = ?");
    args.add(workspaceId);
    if (f.stale() != null) {
      sb.append(f.stale() ? " AND" : " AND NOT");
      sb.append(
          " r.version < (SELECT max(r2.version) FROM rubric_version r2 WHERE r2.question_id = g.question_id)");
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

  private Optional<GradeView> queryOne(String sql, Object... args) {
    return query(sql, args).stream().findFirst();
  }

  private List<GradeView> query(String sql, Object... args) {
    return jdbc.list("read grades", sql, this::view, args);
  }

  private GradeView view(ResultSet rs) throws SQLException {
    double confidence = rs.getDouble(10);
    List<String> flags = strings(rs.getArray(11));
    Map<String, Object> provenance = read(rs.getString(14), OBJECT);
    List<String> reasons = reviewNeeds.reasons(confidence, flags, provenance);
    return new GradeView(
        rs.getObject(1, UUID.class),
        rs.getString(2),
        rs.getInt(3),
        rs.getString(4),
        strings(rs.getArray(5)),
        GradingMode.fromWire(rs.getString(6)),
        new GradeView.Overall(rs.getDouble(7), rs.getDouble(8), rs.getDouble(9)),
        confidence,
        flags,
        read(rs.getString(12), CRITERIA),
        rs.getString(13),
        provenance,
        rs.getObject(15, UUID.class),
        rs.getString(16),
        rs.getObject(17, OffsetDateTime.class),
        rs.getBoolean(18),
        !reasons.isEmpty(),
        reasons);
  }

  private static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }

  private <T> T read(String value, TypeReference<T> type) {
    try {
      return json.readValue(value, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored grade JSON is unreadable", e);
    }
  }

  private PGobject jsonb(Object value) throws SQLException {
    return Jsonb.of(json, value);
  }
}
