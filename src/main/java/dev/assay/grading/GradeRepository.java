package dev.assay.grading;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.assay.platform.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The append-only {@code grade} table, through the typed SQL layer (answer vectors are pgvector).
 */
@ApplicationScoped
class GradeRepository {
  private static final TypeReference<List<Verdict.CriterionGrade>> CRITERIA =
      new TypeReference<>() {};
  private static final String COLUMNS =
      """
      g.id, q.slug, r.version, g.candidate_ref, g.tags, g.mode, g.overall_score, g.overall_max,
      g.overall_percent, g.confidence, g.flags, g.criteria, g.rationale, g.provenance, g.reused_from,
      g.answer, g.created_at,
      r.version < (SELECT max(r2.version) FROM rubric_version r2 WHERE r2.question_id = g.question_id)
        AS stale
      """;
  private static final String FROM =
      """
       FROM grade g JOIN question q ON q.id = g.question_id
       JOIN rubric_version r ON r.id = g.rubric_version_id
      """;

  private final Jdbc jdbc;
  private final ReviewNeeds reviewNeeds;
  // Provenance stored by older versions may carry parts this one no longer writes.
  private final ObjectReader provenanceReader;

  GradeRepository(Jdbc jdbc, ObjectMapper json, ReviewNeeds reviewNeeds) {
    this.jdbc = jdbc;
    this.reviewNeeds = reviewNeeds;
    this.provenanceReader =
        json.readerFor(Provenance.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
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
      Provenance provenance,
      String dedupKey,
      UUID reusedFrom,
      List<String> llmRawOutputs,
      UUID createdByKey,
      Long graderConfigId,
      String embeddingModel) {}

  private static final String INSERT =
      """
      INSERT INTO grade (id, workspace_id, question_id, rubric_version_id, candidate_ref, tags,
          idempotency_key, answer, answer_key, answer_embedding, mode, overall_score,
          overall_max, overall_percent, confidence, flags, criteria, rationale, provenance,
          dedup_key, reused_from, llm_raw_output, created_by_key, grader_config_id,
          answer_embedding_model)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """;

  /** Inserts a grade; it is committed when this returns. */
  void insert(NewGrade g) {
    jdbc.update("log grade " + g.id(), INSERT, insertArgs(g));
  }

  /**
   * Inserts a grade in the caller's transaction (with the use of its Idempotency-Key, see {@link
   * SingleFlight}).
   */
  void insert(Jdbc.Session session, NewGrade g) throws SQLException {
    session.update(INSERT, insertArgs(g));
  }

  private Object[] insertArgs(NewGrade g) {
    return new Object[] {
      g.id(),
      g.workspaceId(),
      g.questionId(),
      g.rubricVersionId(),
      g.candidateRef(),
      Jdbc.array("varchar", g.tags()),
      g.idempotencyKey(),
      g.answer(),
      g.answerKey(),
      Jdbc.vector(g.answerVector()),
      g.mode().wire(),
      g.overallScore(),
      g.overallMax(),
      g.overallPercent(),
      g.confidence(),
      Jdbc.array("varchar", g.flags()),
      jdbc.json(g.criteria()),
      g.rationale(),
      jdbc.json(g.provenance()),
      g.dedupKey(),
      g.reusedFrom(),
      g.llmRawOutputs() == null ? null : jdbc.json(g.llmRawOutputs()),
      g.createdByKey(),
      g.graderConfigId(),
      g.embeddingModel()
    };
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

  /**
   * A grade just logged, its provenance carrying {@code latencyMs} (the stored row cannot hold the
   * time it took to write itself).
   */
  GradeView logged(long workspaceId, UUID id, Map<String, Long> latencyMs) {
    return jdbc.first(
            "read grades",
            "SELECT " + COLUMNS + FROM + " WHERE g.workspace_id = ? AND g.id = ?",
            r -> view(r, latencyMs),
            workspaceId,
            id)
        .orElseThrow();
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
   * iterative scan keeps the filtered query from returning fewer rows than asked for, and a search
   * list of 100 finds the true ten nearest 97.6% of the time where pgvector's default of 40 finds
   * 89.6% (bench/bank_scale.sh at 100,000 vectors, docs/performance.md) for about 1 ms.
   */
  List<Neighbour> nearestOtherCandidates(
      long workspaceId,
      long questionId,
      String candidateRef,
      float[] vector,
      String embeddingModel,
      int k) {
    var v = Jdbc.vector(vector);
    return jdbc.inTransaction(
        "search other candidates' answers",
        session -> {
          session.execute("SET LOCAL hnsw.iterative_scan = relaxed_order");
          session.execute("SET LOCAL hnsw.ef_search = 100");
          return session.list(
              """
              SELECT id, candidate_ref, 1 - (answer_embedding <=> ?) AS similarity FROM grade
              WHERE workspace_id = ? AND question_id = ? AND answer_embedding IS NOT NULL
                AND answer_embedding_model = ?
                AND (?::text IS NULL OR candidate_ref IS DISTINCT FROM ?)
              ORDER BY answer_embedding <=> ? LIMIT ?
              """,
              r ->
                  new Neighbour(
                      r.uuid("id"), r.string("candidate_ref"), r.doubleValue("similarity")),
              v,
              workspaceId,
              questionId,
              embeddingModel,
              candidateRef,
              candidateRef,
              v,
              k);
        });
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
            "count grades",
            "SELECT count(*) AS n" + FROM + where,
            r -> r.longValue("n"),
            args.toArray())
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

  private GradeView view(Jdbc.Row r) throws SQLException {
    return view(r, null);
  }

  private GradeView view(Jdbc.Row r, Map<String, Long> latencyMs) throws SQLException {
    double confidence = r.doubleValue("confidence");
    List<String> flags = r.strings("flags");
    Provenance stored = provenance(r.string("provenance"));
    Provenance provenance = latencyMs == null ? stored : stored.withLatencyMs(latencyMs);
    List<String> reasons = reviewNeeds.reasons(confidence, flags, provenance);
    return new GradeView(
        r.uuid("id"),
        r.string("slug"),
        r.intValue("version"),
        r.string("candidate_ref"),
        r.strings("tags"),
        GradingMode.fromWire(r.string("mode")),
        new GradeView.Overall(
            r.doubleValue("overall_score"),
            r.doubleValue("overall_max"),
            r.doubleValue("overall_percent")),
        confidence,
        flags,
        r.json("criteria", CRITERIA),
        r.string("rationale"),
        provenance,
        r.uuid("reused_from"),
        r.string("answer"),
        r.time("created_at"),
        r.bool("stale"),
        !reasons.isEmpty(),
        reasons);
  }

  private Provenance provenance(String value) {
    try {
      return provenanceReader.readValue(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored grade provenance is unreadable", e);
    }
  }
}
