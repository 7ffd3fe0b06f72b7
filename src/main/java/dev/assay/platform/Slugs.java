package dev.assay.platform;

/** The id format shared by questions, areas, roles, criteria and exemplars. */
public final class Slugs {
  public static final String PATTERN = "^[a-z0-9][a-z0-9-]{0,99}$";
  public static final String MESSAGE =
      "must be kebab-case: lower-case letters, digits and '-', at most 100 characters";

  private Slugs() {}
}
