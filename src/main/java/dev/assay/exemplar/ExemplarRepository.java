package dev.assay.exemplar;

import dev.assay.embedding.Embedding;
import dev.assay.exemplar.QuestionDirectory.QuestionFacts;
import dev.assay.platform.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The {@code exemplar} table's rows, through the typed SQL layer: imports and their stored state,
 * pending exemplars, deactivation and listing. Vectors and retrieval are {@link ExemplarVectors}'s
 * job. Questions and rubric versions are read through the bank's {@link QuestionDirectory}, never
 * joined here.
 */
@ApplicationScoped
public class ExemplarRepository {
  private static final String VIEW_COLUMNS =
      """
      external_id, label, score, criterion_scores, rationale, source, origin, active, status,
      rubric_version_id, embedding_model, embedding_chunks, created_at, text
      """;

  private final Jdbc jdbc;
  private final QuestionDirectory questions;

  ExemplarRepository(Jdbc jdbc, QuestionDirectory questions) {
    this.jdbc = jdbc;
    this.questions = questions;
  }

  /** What is stored for one exemplar, enough to decide whether an import changes it. */
  public record StoredState(
      long id,
      String contentHash,
      String textHash,
      long rubricVersionId,
      String embeddingModel,
      boolean active) {}

  /** A row to insert or update; {@code embedding} is null when the text is unchanged. */
  public record Row(
      long questionId,
      long rubricVersionId,
      String origin,
      String contentHash,
      ExemplarSpec spec,
      Embedding embedding,
      String embeddingModel) {}

  /** Stored state of every exemplar of the given questions: question id -> external id -> state. */
  public Map<Long, Map<String, StoredState>> states(Collection<Long> questionIds) {
    Map<Long, Map<String, StoredState>> out = new HashMap<>();
    if (questionIds.isEmpty()) {
      return out;
    }
    record Keyed(long questionId, String externalId, StoredState state) {}
    jdbc.list(
            "read exemplar states",
            """
            SELECT question_id, external_id, id, content_hash, md5(text) AS text_hash,
                   rubric_version_id, embedding_model, active
            FROM exemplar WHERE question_id = ANY (?)
            """,
            r ->
                new Keyed(
                    r.longValue("question_id"),
                    r.string("external_id"),
                    new StoredState(
                        r.longValue("id"),
                        r.string("content_hash"),
                        r.string("text_hash"),
                        r.longValue("rubric_version_id"),
                        r.string("embedding_model"),
                        r.bool("active"))),
            Jdbc.array("bigint", questionIds))
        .forEach(
            k ->
                out.computeIfAbsent(k.questionId(), q -> new HashMap<>())
                    .put(k.externalId(), k.state()));
    return out;
  }

  /** Inserts a new exemplar and returns its database id. */
  public long insert(Row row) {
    return jdbc.first(
            "insert exemplar " + row.spec().id(),
            """
            INSERT INTO exemplar (rubric_version_id, label, score, criterion_scores, rationale,
                source, text, content_hash, question_id, external_id, origin, embedding,
                embedding_model, embedding_chunks)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
            """,
            r -> r.longValue("id"),
            contentsThen(
                row,
                row.questionId(),
                row.spec().id(),
                row.origin(),
                Jdbc.vector(row.embedding().vector()),
                row.embeddingModel(),
                row.embedding().chunks()))
        .orElseThrow();
  }

  /**
   * Replaces the contents of an exemplar (and its vector, when the text changed); reactivates it.
   */
  public void update(long id, Row row) {
    Embedding embedding = row.embedding();
    jdbc.update(
        "update exemplar " + id,
        """
        UPDATE exemplar SET rubric_version_id = ?, label = ?, score = ?, criterion_scores = ?,
            rationale = ?, source = ?, text = ?, content_hash = ?, active = true,
            embedding = COALESCE(?::vector, embedding),
            embedding_model = COALESCE(?::text, embedding_model),
            embedding_chunks = COALESCE(?::int, embedding_chunks), updated_at = now()
        WHERE id = ?
        """,
        contentsThen(
            row,
            embedding == null ? null : Jdbc.vector(embedding.vector()),
            embedding == null ? null : row.embeddingModel(),
            embedding == null ? null : embedding.chunks(),
            id));
  }

  /**
   * The parameters of an exemplar's contents (rubric version, label, score, criterion scores,
   * rationale, source, text, content hash) followed by {@code more}.
   */
  private Object[] contentsThen(Row row, Object... more) {
    ExemplarSpec spec = row.spec();
    List<Object> args = new ArrayList<>();
    args.add(row.rubricVersionId());
    args.add(spec.label().wire());
    args.add(spec.score());
    args.add(scoresParam(spec.criterionScores()));
    args.add(spec.rationale());
    args.add(spec.source());
    args.add(spec.text());
    args.add(row.contentHash());
    args.addAll(Arrays.asList(more));
    return args.toArray();
  }

  /**
   * Deactivates imported exemplars of a question that are not in {@code keep}; returns the count.
   */
  public int deactivateImportedExcept(long questionId, Collection<String> keep) {
    return jdbc.update(
        "deactivate exemplars",
        """
        UPDATE exemplar SET active = false, updated_at = now()
        WHERE question_id = ? AND origin = 'import' AND active AND NOT (external_id = ANY (?))
        """,
        questionId,
        Jdbc.array("text", keep));
  }

  /** Marks a freshly inserted exemplar as pending (inactive) and records the grade it came from. */
  public void markPending(long id, UUID promotedFrom) {
    jdbc.update(
        "mark exemplar pending",
        "UPDATE exemplar SET status = 'pending', active = false, promoted_from = ? WHERE id = ?",
        promotedFrom,
        id);
  }

  /** Database ids of the workspace's pending exemplars. */
  public List<Long> pendingIds(long workspaceId) {
    return jdbc.list(
        "list pending exemplars",
        "SELECT id FROM exemplar WHERE question_id = ANY (?) AND status = 'pending' ORDER BY id",
        r -> r.longValue("id"),
        Jdbc.array("bigint", questions.questions(workspaceId).keySet()));
  }

  /**
   * Activates those of {@code ids} that are still pending in the workspace; returns them as {@code
   * question/exemplar} ids.
   */
  public List<String> activatePending(long workspaceId, Collection<Long> ids) {
    Map<Long, QuestionFacts> own = questions.questions(workspaceId);
    return jdbc.list(
        "activate pending exemplars",
        """
        UPDATE exemplar SET status = 'active', active = true, updated_at = now()
        WHERE question_id = ANY (?) AND status = 'pending' AND id = ANY (?)
        RETURNING question_id, external_id
        """,
        r -> own.get(r.longValue("question_id")).slug() + "/" + r.string("external_id"),
        Jdbc.array("bigint", own.keySet()),
        Jdbc.array("bigint", ids));
  }

  /** The texts of a workspace's active exemplars by question, with each question's prompt. */
  Map<Long, List<String>> activeTexts(long workspaceId) {
    Map<Long, QuestionFacts> own = questions.questions(workspaceId);
    Map<Long, List<String>> texts = new HashMap<>();
    own.values()
        .forEach(q -> texts.computeIfAbsent(q.id(), id -> new ArrayList<>()).add(q.prompt()));
    jdbc.list(
            "list active exemplar texts",
            "SELECT question_id, text FROM exemplar WHERE question_id = ANY (?) AND active",
            r -> Map.entry(r.longValue("question_id"), r.string("text")),
            Jdbc.array("bigint", own.keySet()))
        .forEach(e -> texts.get(e.getKey()).add(e.getValue()));
    return texts;
  }

  /** The workspace a question belongs to. */
  long workspaceOf(long questionId) {
    return questions.workspaceOf(questionId);
  }

  /** Deactivates one exemplar; false when the question has no exemplar with that id. */
  public boolean deactivate(long questionId, String externalId) {
    return jdbc.update(
            "deactivate exemplar",
            "UPDATE exemplar SET active = false, updated_at = now()"
                + " WHERE question_id = ? AND external_id = ?",
            questionId,
            externalId)
        == 1;
  }

  /** Exemplars of a question, optionally of one label and including inactive ones. */
  public List<ExemplarView> list(long questionId, Label label, boolean includeInactive) {
    String wire = label == null ? null : label.wire();
    Map<Long, Integer> versions = questions.rubricVersionNumbers(questionId);
    return jdbc.list(
        "list exemplars",
        "SELECT "
            + VIEW_COLUMNS
            + """
            FROM exemplar
            WHERE question_id = ? AND (? OR active) AND (?::text IS NULL OR label = ?)
            ORDER BY CASE label WHEN 'strong' THEN 0 WHEN 'acceptable' THEN 1 ELSE 2 END,
                     score DESC, external_id
            """,
        r -> view(r, versions.get(r.longValue("rubric_version_id"))),
        questionId,
        includeInactive,
        wire,
        wire);
  }

  /**
   * A hash of every column an import writes or compares, over the exemplars of the given questions
   * in id order (the vector itself is left out: it follows its text and model, which are in).
   */
  public String fingerprint(Collection<Long> questionIds) {
    return jdbc.list(
            "fingerprint exemplars",
            """
            SELECT md5(coalesce(string_agg(md5(concat_ws(',', id, question_id, external_id,
                rubric_version_id, content_hash, origin, active, embedding_model,
                embedding_chunks, updated_at)), '' ORDER BY id), '')) AS fingerprint
            FROM exemplar WHERE question_id = ANY (?)
            """,
            r -> r.string("fingerprint"),
            Jdbc.array("bigint", questionIds))
        .get(0);
  }

  /** Active exemplar counts per label for each question: one query for the whole page. */
  public Map<Long, EnumMap<Label, Integer>> activeCounts(Collection<Long> questionIds) {
    Map<Long, EnumMap<Label, Integer>> out = new HashMap<>();
    if (questionIds.isEmpty()) {
      return out;
    }
    record Count(long questionId, Label label, int count) {}
    jdbc.list(
            "count exemplars",
            """
            SELECT question_id, label, count(*) AS n FROM exemplar
            WHERE question_id = ANY (?) AND active GROUP BY question_id, label
            """,
            r ->
                new Count(
                    r.longValue("question_id"), Label.fromWire(r.string("label")), r.intValue("n")),
            Jdbc.array("bigint", questionIds))
        .forEach(
            c ->
                out.computeIfAbsent(c.questionId(), k -> new EnumMap<>(Label.class))
                    .put(c.label(), c.count()));
    return out;
  }

  /** The view of a row of {@link #VIEW_COLUMNS} made under rubric version {@code rubricVersion}. */
  private ExemplarView view(Jdbc.Row r, int rubricVersion) throws SQLException {
    return new ExemplarView(
        r.string("external_id"),
        Label.fromWire(r.string("label")),
        r.doubleValue("score"),
        ExemplarVectors.scores(r),
        r.string("rationale"),
        r.string("source"),
        r.string("origin"),
        r.bool("active"),
        r.string("status"),
        rubricVersion,
        r.string("embedding_model"),
        r.intValue("embedding_chunks"),
        r.time("created_at"),
        r.string("text"));
  }

  private Object scoresParam(Map<String, Integer> scores) {
    return jdbc.json(scores.isEmpty() ? null : scores);
  }
}
