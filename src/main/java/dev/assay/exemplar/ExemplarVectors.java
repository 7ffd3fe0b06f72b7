package dev.assay.exemplar;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.assay.embedding.Embedding;
import dev.assay.exemplar.QuestionDirectory.QuestionFacts;
import dev.assay.platform.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code exemplar} table's vectors (the owner's second class, beside {@link
 * ExemplarRepository}): per-question retrieval on the B-tree index with an exact cosine sort, a
 * workspace's exemplars with their vectors for the learned scorer, and re-embedding. Vectors are
 * {@code com.pgvector} types bound through the typed SQL layer.
 */
@ApplicationScoped
public class ExemplarVectors {
  private static final TypeReference<Map<String, Integer>> SCORES = new TypeReference<>() {};

  private final Jdbc jdbc;
  private final QuestionDirectory questions;

  ExemplarVectors(Jdbc jdbc, QuestionDirectory questions) {
    this.jdbc = jdbc;
    this.questions = questions;
  }

  /**
   * The {@code k} nearest active exemplars of each label for one question, by exact cosine
   * distance, considering only vectors made by {@code embeddingModel}.
   */
  public List<ExemplarMatch> nearest(long questionId, float[] query, int k, String embeddingModel) {
    var vector = Jdbc.vector(query);
    return jdbc.list(
        "retrieve exemplars",
        """
        SELECT external_id, label, score, criterion_scores, rationale, similarity, text FROM (
          SELECT e.external_id, e.label, e.score, e.criterion_scores, e.rationale, e.text,
                 1 - (e.embedding <=> ?) AS similarity,
                 row_number() OVER (PARTITION BY e.label ORDER BY e.embedding <=> ?, e.id) AS rank
          FROM exemplar e
          WHERE e.question_id = ? AND e.active AND e.embedding_model = ?
        ) ranked
        WHERE rank <= ?
        ORDER BY CASE label WHEN 'strong' THEN 0 WHEN 'acceptable' THEN 1 ELSE 2 END, rank
        """,
        r -> match(r, r.doubleValue("similarity")),
        vector,
        vector,
        questionId,
        embeddingModel,
        k);
  }

  /** An active exemplar with its vector, its question's prompt and its rubric's scale. */
  public record WithVector(
      long questionId,
      String prompt,
      int scale,
      ExemplarMatch exemplar,
      String contentHash,
      float[] vector) {}

  /**
   * Every active exemplar of a workspace with a vector made by {@code embeddingModel}, grouped by
   * question (the learned scorer's training data).
   */
  public List<WithVector> activeWithVectors(long workspaceId, String embeddingModel) {
    Map<Long, QuestionFacts> own = questions.questions(workspaceId);
    return jdbc.list(
        "read the workspace's exemplars",
        """
        SELECT question_id, external_id, label, score, criterion_scores, rationale, text,
               content_hash, embedding::text AS vector
        FROM exemplar
        WHERE question_id = ANY (?) AND active AND embedding_model = ?
        ORDER BY question_id, id
        """,
        r -> {
          QuestionFacts q = own.get(r.longValue("question_id"));
          return new WithVector(
              q.id(),
              q.prompt(),
              q.scale(),
              match(r, 0),
              r.string("content_hash"),
              r.vector("vector"));
        },
        Jdbc.array("bigint", own.keySet()),
        embeddingModel);
  }

  /** The workspaces that have active exemplars (the ones a learned scorer can train on). */
  public Set<Long> workspacesWithActiveExemplars() {
    return questions.workspacesOf(
        jdbc.list(
            "list questions with active exemplars",
            "SELECT DISTINCT question_id FROM exemplar WHERE active",
            r -> r.longValue("question_id")));
  }

  /** A text whose vector must be (re)computed. */
  public record Pending(long id, String text) {}

  /** Up to {@code limit} exemplars whose vector was not made by {@code embeddingModel}. */
  public List<Pending> staleEmbeddings(String embeddingModel, int limit) {
    return jdbc.list(
        "find stale embeddings",
        "SELECT id, text FROM exemplar WHERE embedding_model IS DISTINCT FROM ? ORDER BY id LIMIT ?",
        r -> new Pending(r.longValue("id"), r.string("text")),
        embeddingModel,
        limit);
  }

  /** Stores a freshly computed vector. */
  public void setEmbedding(long id, Embedding embedding, String embeddingModel) {
    jdbc.update(
        "store embedding",
        "UPDATE exemplar SET embedding = ?, embedding_model = ?, embedding_chunks = ? WHERE id = ?",
        Jdbc.vector(embedding.vector()),
        embeddingModel,
        embedding.chunks(),
        id);
  }

  static ExemplarMatch match(Jdbc.Row r, double similarity) throws SQLException {
    return new ExemplarMatch(
        r.string("external_id"),
        Label.fromWire(r.string("label")),
        r.doubleValue("score"),
        scores(r),
        r.string("rationale"),
        similarity,
        r.string("text"));
  }

  static Map<String, Integer> scores(Jdbc.Row r) throws SQLException {
    Map<String, Integer> scores = r.json("criterion_scores", SCORES);
    return scores == null ? Map.of() : scores;
  }
}
