package dev.assay.workspace;

import jakarta.enterprise.context.RequestScoped;

/**
 * The workspace a request acts in. Until API keys exist every request acts in the default
 * workspace; access control will resolve it from the caller's key instead.
 */
@RequestScoped
public class CurrentWorkspace {
  private final WorkspaceRepository workspaces;
  private Long id;

  CurrentWorkspace(WorkspaceRepository workspaces) {
    this.workspaces = workspaces;
  }

  public long id() {
    if (id == null) {
      id = workspaces.defaultWorkspace().id;
    }
    return id;
  }
}
