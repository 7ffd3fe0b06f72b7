package dev.assay.workspace;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

/** Looks workspaces up; the built-in bank lives in the {@value #DEFAULT} workspace. */
@ApplicationScoped
public class WorkspaceRepository implements PanacheRepository<Workspace> {
  public static final String DEFAULT = "default";

  /** Creates a workspace (used for isolated evaluation runs). */
  public Workspace create(String slug, String name) {
    Workspace w = new Workspace();
    w.slug = slug;
    w.name = name;
    persist(w);
    return w;
  }

  /** The default workspace, created by the first migration. */
  public Workspace defaultWorkspace() {
    return find("slug", DEFAULT).singleResult();
  }
}
