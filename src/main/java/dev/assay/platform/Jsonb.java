package dev.assay.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.SQLException;
import org.postgresql.util.PGobject;

/** Values bound to PostgreSQL {@code jsonb} parameters through plain JDBC. */
public final class Jsonb {
  private Jsonb() {}

  /** The value as a jsonb parameter; null stays SQL NULL. */
  public static PGobject of(ObjectMapper json, Object value) throws SQLException {
    PGobject obj = new PGobject();
    obj.setType("jsonb");
    try {
      obj.setValue(value == null ? null : json.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("value is not serialisable as JSON", e);
    }
    return obj;
  }

  /** {@link #of} for callers that bind through {@link Jdbc}, which reports SQL failures itself. */
  public static PGobject param(ObjectMapper json, Object value) {
    try {
      return of(json, value);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot build a jsonb parameter", e);
    }
  }
}
