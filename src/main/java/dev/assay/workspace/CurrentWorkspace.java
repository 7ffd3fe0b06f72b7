package dev.assay.workspace;

import dev.assay.security.Caller;
import jakarta.enterprise.context.RequestScoped;

/** The workspace a request acts in: the one its API key belongs to. */
@RequestScoped
public class CurrentWorkspace {
  private final Caller caller;

  CurrentWorkspace(Caller caller) {
    this.caller = caller;
  }

  public long id() {
    if (!caller.authenticated()) {
      throw new IllegalStateException("no authenticated caller: the endpoint lacks an access rule");
    }
    return caller.workspaceId();
  }
}
