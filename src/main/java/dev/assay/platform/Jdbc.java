package dev.assay.platform;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Plain-JDBC statements without the try/catch ceremony: parameters bind in order ({@link SqlArray}
 * becomes a PostgreSQL array), rows map through a {@link RowMapper}, and SQL failures become {@link
 * IllegalStateException}s naming what was being done.
 */
@ApplicationScoped
public class Jdbc {
  private final DataSource dataSource;

  Jdbc(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Maps the current row of a result set. */
  @FunctionalInterface
  public interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /** A parameter bound as a PostgreSQL array of {@code type}. */
  public record SqlArray(String type, Object[] values) {}

  public <T> List<T> list(String what, String sql, RowMapper<T> mapper, Object... args) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      bind(c, ps, args);
      List<T> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(mapper.map(rs));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot " + what, e);
    }
  }

  public <T> Optional<T> first(String what, String sql, RowMapper<T> mapper, Object... args) {
    return list(what, sql, mapper, args).stream().findFirst();
  }

  /** Runs an INSERT, UPDATE or other statement; returns the affected row count. */
  public int update(String what, String sql, Object... args) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      bind(c, ps, args);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot " + what, e);
    }
  }

  private static void bind(Connection c, PreparedStatement ps, Object[] args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      Object arg = args[i] instanceof SqlArray a ? c.createArrayOf(a.type(), a.values()) : args[i];
      ps.setObject(i + 1, arg);
    }
  }
}
