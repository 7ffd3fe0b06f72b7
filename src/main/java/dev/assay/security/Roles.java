package dev.assay.security;

/**
 * The security roles as constants for {@code @RolesAllowed}; each is the wire name of a {@link
 * Role}. Every resource method names its roles: {@code quarkus.security.jaxrs.deny-unannotated-
 * endpoints} refuses an endpoint that names none, and the access-control test fails on it.
 */
public final class Roles {
  public static final String GRADER = "grader";
  public static final String REVIEWER = "reviewer";
  public static final String ADMIN = "admin";

  private Roles() {}
}
