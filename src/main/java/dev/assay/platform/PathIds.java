package dev.assay.platform;

import java.util.UUID;

/** Ids in request paths. */
public final class PathIds {
  private PathIds() {}

  /** The UUID in a path; anything else names nothing, so it is a 404 for {@code what}. */
  public static UUID uuid(String what, String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw ApiException.notFound(what, id);
    }
  }
}
