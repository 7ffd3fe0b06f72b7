package dev.assay.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.util.UUID;

/**
 * Who is calling, read from Quarkus Security's identity of the request: the acting key, its
 * workspace and its role. Services take these as arguments; resources read them here.
 *
 * <p>The identity contract every authentication mechanism keeps ({@link #identity}): the
 * principal's name is the acting key's id, its one role is a {@link Role}'s wire name, and the
 * attribute {@value #WORKSPACE} holds the workspace id.
 */
@RequestScoped
public class Caller {
  static final String WORKSPACE = "assay.workspace-id";

  private final SecurityIdentity identity;

  Caller(SecurityIdentity identity) {
    this.identity = identity;
  }

  /** An identity that keeps the contract; mechanisms build theirs here. */
  static SecurityIdentity identity(UUID keyId, long workspaceId, Role role) {
    return QuarkusSecurityIdentity.builder()
        .setPrincipal(new QuarkusPrincipal(keyId.toString()))
        .addRole(role.wire())
        .addAttribute(WORKSPACE, workspaceId)
        .build();
  }

  public UUID keyId() {
    return keyOf(authenticated());
  }

  /** The acting key of an authenticated identity. */
  static UUID keyOf(SecurityIdentity identity) {
    return UUID.fromString(identity.getPrincipal().getName());
  }

  public long workspaceId() {
    return authenticated().<Long>getAttribute(WORKSPACE);
  }

  public Role role() {
    SecurityIdentity id = authenticated();
    for (Role role : Role.values()) {
      if (id.hasRole(role.wire())) {
        return role;
      }
    }
    throw new IllegalStateException("the caller's identity has no Assay role");
  }

  /** A grader key only sees what it created; reviewers and admins see the whole workspace. */
  public boolean seesOnlyOwn() {
    return role() == Role.GRADER;
  }

  private SecurityIdentity authenticated() {
    if (identity.isAnonymous()) {
      throw new IllegalStateException("no authenticated caller: the endpoint lacks @RolesAllowed");
    }
    return identity;
  }
}
