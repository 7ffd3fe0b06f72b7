package dev.assay.exemplar;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pgvector.PGvector;
import dev.assay.embedding.Embedding;
import dev.assay.platform.Jdbc;
import dev.assay.platform.Jsonb;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.util.PGobject;

/**
 * Exemplar rows and their vectors, through plain JDBC (vectors are {@code com.pgvector} types).
 * Per-question retrieval filters on the B-tree index and sorts by exact cosine distance.
 */
@ApplicationScoped
public class ExemplarRepository {
  private static final TypeReference<Map<String, Integer>> SCORES = new TypeReference<>() {};
  private static final String VIEW_COLUMNS =
      """
      e.external_id, e.label, e.score, e.criterion_scores, e.rationale, e.source, e.origin,
      e.active, e.status, r.version, e.embedding_model, e.embedding_chunks, e.created_at, e.text
      """;

  private final DataSource dataSource;
  private final Jdbc jdbc;
  private final ObjectMapper json;

  ExemplarRepository(DataSource dataSource, Jdbc jdbc, ObjectMapper json) {
    this.dataSource = dataSource;
    this.jdbc = jdbc;
    this.json = json;
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
    String sql =
        """
        SELECT question_id, external_id, id, content_hash, md5(text), rubric_version_id,
               embedding_model, active
        FROM exemplar WHERE question_id = ANY (?)
        """;
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setArray(1, c.createArrayOf("bigint", questionIds.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.computeIfAbsent(rs.getLong(1), k -> new HashMap<>())
              .put(
                  rs.getString(2),
                  new StoredState(
                      rs.getLong(3),
                      rs.getString(4),
                      rs.getString(5),
                      rs.getLong(6),
                      rs.getString(7),
                      rs.getBoolean(8)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read exemplar states", e);
    }
  }

  /** Inserts a new exemplar and returns its database id. */
  public long insert(Row row) {
    String sql =
        """
        INSERT INTO exemplar (question_id, external_id, rubric_version_id, label, score,
            criterion_scores, rationale, source, origin, text, content_hash, embedding,
            embedding_model, embedding_chunks)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
        """;
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ExemplarSpec spec = row.spec();
      ps.setLong(1, row.questionId());
      ps.setString(2, spec.id());
      ps.setLong(3, row.rubricVersionId());
      ps.setString(4, spec.label().wire());
      ps.setDouble(5, spec.score());
      ps.setObject(6, jsonb(spec.criterionScores()));
      ps.setString(7, spec.rationale());
      ps.setString(8, spec.source());
      ps.setString(9, row.origin());
      ps.setString(10, spec.text());
      ps.setString(11, row.contentHash());
      ps.setObject(12, new PGvector(row.embedding().vector()));
      ps.setString(13, row.embeddingModel());
      ps.setInt(14, row.embedding().chunks());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot insert exemplar " + row.spec().id(), e);
    }
  }

  /**
   * Replaces the contents of an exemplar (and its vector, when the text changed); reactivates it.
   */
  public void update(long id, Row row) {
    String sql =
        """
        UPDATE exemplar SET rubric_version_id = ?, label = ?, score = ?, criterion_scores = ?,
            rationale = ?, source = ?, text = ?, content_hash = ?, active = true,
            embedding = COALESCE(?, embedding),
            embedding_model = COALESCE(?, embedding_model),
            embedding_chunks = COALESCE(?, embedding_chunks), updated_at = now()
        WHERE id = ?
        """;
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ExemplarSpec spec = row.spec();
      ps.setLong(1, row.rubricVersionId());
      ps.setString(2, spec.label().wire());
      ps.setDouble(3, spec.score());
      ps.setObject(4, jsonb(spec.criterionScores()));
      ps.setString(5, spec.rationale());
      ps.setString(6, spec.source());
      ps.setString(7, spec.text());
      ps.setString(8, row.contentHash());
      if (row.embedding() == null) {
        ps.setNull(9, Types.OTHER);
        ps.setNull(10, Types.VARCHAR);
        ps.setNull(11, Types.INTEGER);
      } else {
        ps.setObject(9, new PGvector(row.embedding().vector()));
        ps.setString(10, row.embeddingModel());
        ps.setInt(11, row.embedding().chunks());
      }
      ps.setLong(12, id);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot update exemplar " + id, e);
    }
  }

  /**
   * Deactivates imported exemplars of a question that are not in {@code keep}; returns the count.
   */
  public int deactivateImportedExcept(long questionId, Collection<String> keep) {
    String sql =
        """
        UPDATE exemplar SET active = false, updated_at = now()
        WHERE question_id = ? AND origin = 'import' AND active AND NOT (external_id = ANY (?))
        """;
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, questionId);
      ps.setArray(2, c.createArrayOf("text", keep.toArray()));
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot deactivate exemplars", e);
    }
  }

  /** Marks a freshly inserted exemplar as pending (inactive) and records the grade it came from. */
  public void markPending(long id, UUID promotedFrom) {
    String sql =
        "UPDATE exemplar SET status = 'pending', active = false, promoted_from = ? WHERE id = ?";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, promotedFrom);
      ps.setLong(2, id);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot mark exemplar pending", e);
    }
  }

  /** Database ids of the workspace's pending exemplars. */
  public List<Long> pendingIds(long workspaceId) {
    return jdbc.list(
        "list pending exemplars",
        "SELECT e.id FROM exemplar e JOIN question q ON q.id = e.question_id"
            + " WHERE q.workspace_id = ? AND e.status = 'pending' ORDER BY e.id",
        rs -> rs.getLong(1),
        workspaceId);
  }

  /**
   * Activates those of {@code ids} that are still pending in the workspace; returns them as {@code
   * question/exemplar} ids.
   */
  public List<String> activatePending(long workspaceId, Collection<Long> ids) {
    return jdbc.list(
        "activate pending exemplars",
        """
        UPDATE exemplar e SET status = 'active', active = true, updated_at = now()
        FROM question q
        WHERE q.id = e.question_id AND q.workspace_id = ? AND e.status = 'pending'
          AND e.id = ANY (?)
        RETURNING q.slug || '/' || e.external_id
        """,
        rs -> rs.getString(1),
        workspaceId,
        new Jdbc.SqlArray("bigint", ids.toArray()));
  }

  /** The workspace a question belongs to. */
  long workspaceOf(long questionId) {
    return jdbc.first(
            "find the workspace of a question",
            "SELECT workspace_id FROM question WHERE id = ?",
            rs -> rs.getLong("workspace_id"),
            questionId)
        .orElseThrow();
  }

  /** Deactivates one exemplar; false when the question has no exemplar with that id. */
  public boolean deactivate(long questionId, String externalId) {
    String sql =
        "UPDATE exemplar SET active = false, updated_at = now() WHERE question_id = ? AND external_id = ?";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, questionId);
      ps.setString(2, externalId);
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot deactivate exemplar", e);
    }
  }

  /** Exemplars of a question, optionally of one label and including inactive ones. */
  public List<ExemplarView> list(long questionId, Label label, boolean includeInactive) {
    String sql =
        "SELECT "
            + VIEW_COLUMNS
            + """
            FROM exemplar e JOIN rubric_version r ON r.id = e.rubric_version_id
            WHERE e.question_id = ? AND (? OR e.active) AND (?::text IS NULL OR e.label = ?)
            ORDER BY CASE e.label WHEN 'strong' THEN 0 WHEN 'acceptable' THEN 1 ELSE 2 END,
                     e.score DESC, e.external_id
            """;
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      String wire = label == null ? null : label.wire();
      ps.setLong(1, questionId);
      ps.setBoolean(2, includeInactive);
      ps.setString(3, wire);
      ps.setString(4, wire);
      List<ExemplarView> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(view(rs));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot list exemplars", e);
    }
  }

  /** Active exemplar counts per label for each question: one query for the whole page. */
  public Map<Long, EnumMap<Label, Integer>> activeCounts(Collection<Long> questionIds) {
    Map<Long, EnumMap<Label, Integer>> out = new HashMap<>();
    if (questionIds.isEmpty()) {
      return out;
    }
    String sql =
        """
        SELECT question_id, label, count(*) FROM exemplar
        WHERE question_id = ANY (?) AND active GROUP BY question_id, label
        """;
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setArray(1, c.createArrayOf("bigint", questionIds.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.computeIfAbsent(rs.getLong(1), k -> new EnumMap<>(Label.class))
              .put(Label.fromWire(rs.getString(2)), rs.getInt(3));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot count exemplars", e);
    }
  }

  /**
   * The {@code k} nearest active exemplars of each label for one question, by exact cosine
   * distance, considering only vectors made by {@code embeddingModel}.
   */
  public List<ExemplarMatch> nearest(long questionId, float[] query, int k, String embeddingModel) {
    String sql =
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
        """;
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      PGvector vector = new PGvector(query);
      ps.setObject(1, vector);
      ps.setObject(2, vector);
      ps.setLong(3, questionId);
      ps.setString(4, embeddingModel);
      ps.setInt(5, k);
      List<ExemplarMatch> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new ExemplarMatch(
                  rs.getString(1),
                  Label.fromWire(rs.getString(2)),
                  rs.getDouble(3),
                  scores(rs.getString(4)),
                  rs.getString(5),
                  rs.getDouble(6),
                  rs.getString(7)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot retrieve exemplars", e);
    }
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
    String sql =
        """
        SELECT q.id AS question_id, q.prompt, rv.scale, e.external_id, e.label, e.score,
               e.criterion_scores, e.rationale, e.text, e.content_hash, e.embedding::text AS vector
        FROM exemplar e
        JOIN question q ON q.id = e.question_id
        JOIN LATERAL (SELECT scale FROM rubric_version r WHERE r.question_id = q.id
                      ORDER BY r.version DESC LIMIT 1) rv ON true
        WHERE q.workspace_id = ? AND e.active AND e.embedding_model = ?
        ORDER BY q.id, e.id
        """;
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, workspaceId);
      ps.setString(2, embeddingModel);
      List<WithVector> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ExemplarMatch m =
              new ExemplarMatch(
                  rs.getString("external_id"),
                  Label.fromWire(rs.getString("label")),
                  rs.getDouble("score"),
                  scores(rs.getString("criterion_scores")),
                  rs.getString("rationale"),
                  0,
                  rs.getString("text"));
          out.add(
              new WithVector(
                  rs.getLong("question_id"),
                  rs.getString("prompt"),
                  rs.getInt("scale"),
                  m,
                  rs.getString("content_hash"),
                  new PGvector(rs.getString("vector")).toArray()));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the workspace's exemplars", e);
    }
  }

  /** A text whose vector must be (re)computed. */
  public record Pending(long id, String text) {}

  /** Up to {@code limit} exemplars whose vector was not made by {@code embeddingModel}. */
  public List<Pending> staleEmbeddings(String embeddingModel, int limit) {
    String sql =
        """
        SELECT id, text FROM exemplar
        WHERE embedding_model IS DISTINCT FROM ? ORDER BY id LIMIT ?
        """;
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, embeddingModel);
      ps.setInt(2, limit);
      List<Pending> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Pending(rs.getLong(1), rs.getString(2)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot find stale embeddings", e);
    }
  }

  /** Stores a freshly computed vector. */
  public void setEmbedding(long id, Embedding embedding, String embeddingModel) {
    String sql =
        """
        UPDATE exemplar SET embedding = ?, embedding_model = ?, embedding_chunks = ?
        WHERE id = ?
        """;
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, new PGvector(embedding.vector()));
      ps.setString(2, embeddingModel);
      ps.setInt(3, embedding.chunks());
      ps.setLong(4, id);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot store embedding", e);
    }
  }

  private ExemplarView view(ResultSet rs) throws SQLException {
    return new ExemplarView(
        rs.getString(1),
        Label.fromWire(rs.getString(2)),
        rs.getDouble(3),
        scores(rs.getString(4)),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getBoolean(8),
        rs.getString(9),
        rs.getInt(10),
        rs.getString(11),
        rs.getInt(12),
        rs.getObject(13, OffsetDateTime.class),
        rs.getString(14));
  }

  private PGobject jsonb(Map<String, Integer> scores) throws SQLException {
    return Jsonb.of(json, scores.isEmpty() ? null : scores);
  }

  private Map<String, Integer> scores(String value) {
    if (value == null) {
      return Map.of();
    }
    try {
      return json.readValue(value, SCORES);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored criterion scores are not JSON", e);
    }
  }
}
