package dev.assay.scoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.exemplar.ExemplarVectors;
import dev.assay.platform.Jdbc;
import dev.assay.workspace.WorkspaceRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The {@code scoring_model} table; the workspace's pointer to its unpinned model is read and
 * written through {@link WorkspaceRepository}, which owns the row.
 */
@ApplicationScoped
class ScoringModelRepository {
  private static final String COLUMNS =
      "m.id, m.workspace_id, m.version, m.data_hash, m.model_hash, m.model, m.created_at";

  private final Jdbc jdbc;
  private final WorkspaceRepository workspaces;
  private final ExemplarVectors exemplars;
  private final ObjectMapper json;

  ScoringModelRepository(
      Jdbc jdbc, WorkspaceRepository workspaces, ExemplarVectors exemplars, ObjectMapper json) {
    this.jdbc = jdbc;
    this.workspaces = workspaces;
    this.exemplars = exemplars;
    this.json = json;
  }

  /** One stored version of a workspace's model. */
  record Stored(
      long id,
      long workspaceId,
      int version,
      String dataHash,
      String modelHash,
      ScoringModel model,
      OffsetDateTime createdAt) {}

  Optional<Stored> latest(long workspaceId) {
    return jdbc.first(
        "read the latest scoring model",
        "SELECT "
            + COLUMNS
            + " FROM scoring_model m WHERE m.workspace_id = ?"
            + " ORDER BY m.version DESC LIMIT 1",
        this::row,
        workspaceId);
  }

  Optional<Stored> byVersion(long workspaceId, int version) {
    return jdbc.first(
        "read a scoring model version",
        "SELECT " + COLUMNS + " FROM scoring_model m WHERE m.workspace_id = ? AND m.version = ?",
        this::row,
        workspaceId,
        version);
  }

  Optional<Stored> byId(long id) {
    return jdbc.first(
        "read a scoring model",
        "SELECT " + COLUMNS + " FROM scoring_model m WHERE m.id = ?",
        this::row,
        id);
  }

  /** The workspace's unpinned model, if it has one yet. */
  Optional<Long> activeId(long workspaceId) {
    return workspaces.scoringModelId(workspaceId);
  }

  /**
   * Workspaces with active exemplars, apart from the isolated ones evaluations and prior training
   * make.
   */
  List<Long> workspacesWithExemplars() {
    return QuarkusTransaction.requiringNew()
        .call(() -> workspaces.customerWorkspaces(exemplars.workspacesWithActiveExemplars()));
  }

  /** Every version of the workspace's model, newest first. */
  List<Stored> list(long workspaceId) {
    return jdbc.list(
        "list scoring models",
        "SELECT "
            + COLUMNS
            + " FROM scoring_model m WHERE m.workspace_id = ?"
            + " ORDER BY m.version DESC",
        this::row,
        workspaceId);
  }

  /** What {@link #insertIfChanged} did. */
  record Inserted(Stored stored, boolean created, boolean activated) {}

  /**
   * Stores {@code model} as the workspace's next version unless its latest version was trained on
   * the same data, and makes it the unpinned model when the workspace has none yet or has no gate
   * set (with nothing to measure a new version against, the newest is used). One writer per
   * workspace at a time (an advisory lock), so concurrent trainings on one instance or several
   * store one version.
   */
  Inserted insertIfChanged(
      long workspaceId, String dataHash, String modelHash, ScoringModel model) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              jdbc.list(
                  "lock the workspace's scoring models",
                  "SELECT pg_advisory_xact_lock(hashtext('scoring_model'), ?::int)",
                  r -> 0,
                  (int) workspaceId);
              Optional<Stored> latest = latest(workspaceId);
              if (latest.isPresent() && latest.get().dataHash().equals(dataHash)) {
                return new Inserted(latest.get(), false, false);
              }
              int version = latest.map(s -> s.version() + 1).orElse(1);
              long id =
                  jdbc.first(
                          "store a scoring model",
                          "INSERT INTO scoring_model (workspace_id, version, data_hash, model_hash,"
                              + " model) VALUES (?, ?, ?, ?, ?) RETURNING id",
                          r -> r.longValue("id"),
                          workspaceId,
                          version,
                          dataHash,
                          modelHash,
                          jdbc.json(model))
                      .orElseThrow();
              boolean activated = workspaces.adoptScoringModel(workspaceId, id);
              return new Inserted(byId(id).orElseThrow(), true, activated);
            });
  }

  /** Points the workspace's unpinned configurations at version {@code id}. */
  void activate(long workspaceId, long id) {
    workspaces.setScoringModel(workspaceId, id);
  }

  private Stored row(Jdbc.Row r) throws SQLException {
    return new Stored(
        r.longValue("id"),
        r.longValue("workspace_id"),
        r.intValue("version"),
        r.string("data_hash"),
        r.string("model_hash"),
        r.json("model", ScoringModel.class),
        r.time("created_at"));
  }
}
