package dev.assay.grading;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.assay.bank.Rubrics;
import dev.assay.platform.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.OffsetDateTime;
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
      SELECT g.id, g.rubric_version_id, g.candidate_ref, g.tags, g.mode, g.overall_score,
          g.overall_max, g.overall_percent, g.confidence, g.flags, g.criteria, g.rationale,
          g.provenance, g.reused_from, g.answer, g.created_at
      FROM grade g
      """;

  private final Jdbc jdbc;
  private final Rubrics rubrics;
  private final ReviewNeeds reviewNeeds;
  // Provenance stored by older versions may carry parts this one no longer writes.
  private final ObjectReader provenanceReader;

  GradeRepository(Jdbc jdbc, Rubrics rubrics, ObjectMapper json, ReviewNeeds reviewNeeds) {
    this.jdbc = jdbc;
    this.rubrics = rubrics;
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
    return first(
        read(
            "WHERE g.workspace_id = ? AND g.id = ? AND (?::uuid IS NULL OR g.created_by_key = ?)",
            workspaceId,
            id,
            owner,
            owner));
  }

  /**
   * A grade just logged, its provenance carrying {@code latencyMs} (the stored row cannot hold the
   * time it took to write itself), described by the rubric version it was just made under (so the
   * grading request does not ask the bank again).
   */
  GradeView logged(long workspaceId, UUID id, Map<String, Long> latencyMs, Rubrics.Ref rubric) {
    return jdbc.first(
            "read grades",
            COLUMNS + "WHERE g.workspace_id = ? AND g.id = ?",
            r -> view(r, latencyMs),
            workspaceId,
            id)
        .orElseThrow()
        .complete()
        .apply(rubric);
  }

  /** The earliest first-hand grade (not a fallback, not itself reused) with this dedup key. */
  Optional<GradeView> findReusable(long workspaceId, String dedupKey) {
    return first(
        read(
            "WHERE g.workspace_id = ? AND g.dedup_key = ? AND g.mode <> 'fallback'"
                + " AND g.reused_from IS NULL ORDER BY g.created_at LIMIT 1",
            workspaceId,
            dedupKey));
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

  /**
   * The grades a condition selects ({@code tail}: a WHERE clause on {@code g}, with ORDER BY and
   * LIMIT as needed), each with its question and rubric version as the bank describes them.
   */
  List<GradeView> read(String tail, Object... args) {
    return read(null, tail, args);
  }

  private List<GradeView> read(Map<String, Long> latencyMs, String tail, Object... args) {
    return WithRubric.completeAll(
        jdbc.list("read grades", COLUMNS + tail, r -> view(r, latencyMs), args), rubrics);
  }

  private static Optional<GradeView> first(List<GradeView> views) {
    return views.stream().findFirst();
  }

  private WithRubric<GradeView> view(Jdbc.Row r, Map<String, Long> latencyMs) throws SQLException {
    UUID id = r.uuid("id");
    String candidateRef = r.string("candidate_ref");
    List<String> tags = r.strings("tags");
    GradingMode mode = GradingMode.fromWire(r.string("mode"));
    GradeView.Overall overall =
        new GradeView.Overall(
            r.doubleValue("overall_score"),
            r.doubleValue("overall_max"),
            r.doubleValue("overall_percent"));
    double confidence = r.doubleValue("confidence");
    List<String> flags = r.strings("flags");
    List<Verdict.CriterionGrade> criteria = r.json("criteria", CRITERIA);
    String rationale = r.string("rationale");
    Provenance stored = provenance(r.string("provenance"));
    Provenance provenance = latencyMs == null ? stored : stored.withLatencyMs(latencyMs);
    UUID reusedFrom = r.uuid("reused_from");
    String answer = r.string("answer");
    OffsetDateTime createdAt = r.time("created_at");
    List<String> reasons = reviewNeeds.reasons(confidence, flags, provenance);
    return new WithRubric<>(
        r.longValue("rubric_version_id"),
        rubric ->
            new GradeView(
                id,
                rubric.questionSlug(),
                rubric.version(),
                candidateRef,
                tags,
                mode,
                overall,
                confidence,
                flags,
                criteria,
                rationale,
                provenance,
                reusedFrom,
                answer,
                createdAt,
                rubric.stale(),
                !reasons.isEmpty(),
                reasons));
  }

  private Provenance provenance(String value) {
    try {
      return provenanceReader.readValue(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored grade provenance is unreadable", e);
    }
  }
}
