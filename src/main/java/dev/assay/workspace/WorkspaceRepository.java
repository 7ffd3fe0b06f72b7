package dev.assay.workspace;

import dev.assay.platform.Jdbc;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Looks workspaces up; the built-in bank lives in the {@value #DEFAULT} workspace. */
@ApplicationScoped
public class WorkspaceRepository implements PanacheRepository<Workspace> {
  public static final String DEFAULT = "default";

  private final Jdbc jdbc;

  WorkspaceRepository(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** Creates a workspace (used for isolated evaluation runs). */
  public Workspace create(String slug, String name) {
    Workspace w = new Workspace();
    w.slug = slug;
    w.name = name;
    persist(w);
    return w;
  }

  /**
   * Creates one evaluation run's scratch workspace: its grades are not a customer's grade log, and
   * {@link #removeScratch} removes it with everything in it when the run ends.
   */
  public Workspace createScratch(String slug, String name) {
    Workspace w = new Workspace();
    w.slug = slug;
    w.name = name;
    w.scratch = true;
    persist(w);
    return w;
  }

  /**
   * Removes a scratch workspace and every row in it in one transaction of its own (the database
   * function remove_scratch_workspace, the one path past the append-only triggers); refuses any
   * workspace not created by {@link #createScratch}. Not for use inside a JTA transaction.
   */
  public void removeScratch(long id) {
    jdbc.list(
        "remove scratch workspace " + id,
        "SELECT remove_scratch_workspace(?) AS removed",
        r -> Boolean.TRUE,
        id);
  }

  // The pointer columns below are written through the SQL layer: the entity does not map them,
  // since they point into tables (grader_config, scoring_model) whose rows point back at the
  // workspace. Their owners call these; no other package writes the workspace row.

  /** Makes a grader configuration (or the deployment default, when null) the active one. */
  public void setActiveGraderConfig(long workspaceId, Long configId) {
    setPointer("active_grader_config_id", configId, workspaceId);
  }

  /** Starts (or, with null, stops) shadow grading with a grader configuration. */
  public void setShadowGraderConfig(long workspaceId, Long configId) {
    setPointer("shadow_grader_config_id", configId, workspaceId);
  }

  /** The scoring model version the workspace's unpinned configurations use, if any yet. */
  public Optional<Long> scoringModelId(long workspaceId) {
    return jdbc.first(
            "read the workspace's scoring model",
            "SELECT scoring_model_id FROM workspace WHERE id = ?",
            r -> Optional.ofNullable(r.nullableLong("scoring_model_id")),
            workspaceId)
        .flatMap(x -> x);
  }

  /** Points the workspace's unpinned configurations at scoring model {@code modelId}. */
  public void setScoringModel(long workspaceId, long modelId) {
    setPointer("scoring_model_id", modelId, workspaceId);
  }

  /** Sets one pointer column; {@code column} is always one of this class's constants. */
  private void setPointer(String column, Long value, long workspaceId) {
    jdbc.update(
        "set the workspace's " + column,
        "UPDATE workspace SET " + column + " = ? WHERE id = ?",
        value,
        workspaceId);
  }

  /**
   * Points the workspace at scoring model {@code modelId} when it has none yet or has no gate set
   * (with nothing to measure a new version against, the newest is used); true when it did. The
   * gate-set test is an existence check on {@code gate_set}, kept in this one statement so that it
   * and the write see the same state.
   */
  public boolean adoptScoringModel(long workspaceId, long modelId) {
    return jdbc.update(
            "activate a scoring model that needs no gate",
            "UPDATE workspace w SET scoring_model_id = ? WHERE w.id = ?"
                + " AND (w.scoring_model_id IS NULL"
                + " OR NOT EXISTS (SELECT 1 FROM gate_set g WHERE g.workspace_id = w.id))",
            modelId,
            workspaceId)
        == 1;
  }

  /**
   * Those of {@code ids} that are customers' workspaces: not a scratch workspace, nor one of the
   * isolated workspaces evaluations and prior training made before scratch workspaces existed
   * ({@code eval-}, {@code prior-} slugs).
   */
  public List<Long> customerWorkspaces(Collection<Long> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return find(
            "id in ?1 and scratch = false and slug not like 'eval-%' and slug not like 'prior-%'"
                + " order by id",
            ids)
        .stream()
        .map(w -> w.id)
        .toList();
  }

  /** The default workspace, created by the first migration. */
  public Workspace defaultWorkspace() {
    return find("slug", DEFAULT).singleResult();
  }
}
