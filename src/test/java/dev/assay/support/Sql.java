package dev.assay.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Statements a test runs straight on the database, to stage what the API cannot (a killed
 * instance's lease, an abandoned run) or to read a number back; parameters bind in order.
 */
public final class Sql {
  private final DataSource db;

  public Sql(DataSource db) {
    this.db = db;
  }

  /** The first row's column {@code n} of a query. */
  public long number(String query, Object... args) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement s = prepare(c, query, args);
        ResultSet r = s.executeQuery()) {
      if (!r.next()) {
        throw new IllegalStateException("no row: " + query);
      }
      return r.getLong("n");
    }
  }

  /** Runs a statement; for a query, whether it returned a row. */
  public boolean run(String statement, Object... args) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement s = prepare(c, statement, args)) {
      if (s.execute()) {
        try (ResultSet r = s.getResultSet()) {
          return r.next();
        }
      }
      return false;
    }
  }

  private static PreparedStatement prepare(Connection c, String sql, Object... args)
      throws SQLException {
    PreparedStatement s = c.prepareStatement(sql);
    for (int i = 0; i < args.length; i++) {
      s.setObject(i + 1, args[i]);
    }
    return s;
  }
}
