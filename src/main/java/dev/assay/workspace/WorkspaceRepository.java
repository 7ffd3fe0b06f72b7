package dev.assay.workspace;

import dev.assay.platform.Jdbc;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

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

  /** The default workspace, created by the first migration. */
  public Workspace defaultWorkspace() {
    return find("slug", DEFAULT).singleResult();
  }
}
