package dev.assay.security;

import jakarta.enterprise.context.RequestScoped;
import java.util.UUID;

/** Who is calling: set by {@link ApiKeyFilter} from the request's key, read by the services. */
@RequestScoped
public class Caller {
  private UUID keyId;
  private long workspaceId;
  private Role role;

  void authenticate(UUID keyId, long workspaceId, Role role) {
    this.keyId = keyId;
    this.workspaceId = workspaceId;
    this.role = role;
  }

  public boolean authenticated() {
    return keyId != null;
  }

  public UUID keyId() {
    return keyId;
  }

  public long workspaceId() {
    return workspaceId;
  }

  public Role role() {
    return role;
  }

  /** A grader key only sees what it created; reviewers and admins see the whole workspace. */
  public boolean seesOnlyOwn() {
    return role == Role.GRADER;
  }
}
