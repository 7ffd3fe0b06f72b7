package dev.assay.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pgvector.PGvector;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.util.PGobject;

/**
 * The typed SQL layer for the tables Assay reaches without the ORM (vectors, append-only logs, bulk
 * and JSON paths): plain JDBC statements over the service's one datasource, without the try/catch
 * ceremony. Parameters bind in order; {@link #array}, {@link #vector} and {@link #json} build the
 * PostgreSQL types. Rows are read by column name through a {@link Row} into records, never by
 * position. SQL failures become {@link IllegalStateException}s naming what was being done.
 *
 * <p>Inside a JTA transaction (Panache's or {@code QuarkusTransaction}) the datasource hands out
 * the transaction's connection, so statements here and ORM writes commit together.
 */
@ApplicationScoped
public class Jdbc {
  private final DataSource dataSource;
  private final ObjectMapper mapper;

  Jdbc(DataSource dataSource, ObjectMapper mapper) {
    this.dataSource = dataSource;
    this.mapper = mapper;
  }

  /** Maps the current row of a result set. */
  @FunctionalInterface
  public interface RowMapper<T> {
    T map(Row row) throws SQLException;
  }

  /** Work done on one connection in one local transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Session session) throws SQLException;
  }

  /** A parameter bound as a PostgreSQL array of {@code type}. */
  public record SqlArray(String type, Object[] values) {}

  /** {@code values} as a PostgreSQL array parameter of {@code type} (bigint, text, uuid...). */
  public static SqlArray array(String type, Collection<?> values) {
    return new SqlArray(type, values.toArray());
  }

  /** A pgvector parameter; null stays SQL NULL. */
  public static PGvector vector(float[] values) {
    return values == null ? null : new PGvector(values);
  }

  /** {@code value} as a jsonb parameter; null stays SQL NULL. */
  public PGobject json(Object value) {
    PGobject obj = new PGobject();
    obj.setType("jsonb");
    try {
      obj.setValue(value == null ? null : mapper.writeValueAsString(value));
    } catch (JsonProcessingException | SQLException e) {
      throw new IllegalArgumentException("value is not storable as jsonb", e);
    }
    return obj;
  }

  public <T> List<T> list(String what, String sql, RowMapper<T> mapper, Object... args) {
    return transactionless(what, s -> s.list(sql, mapper, args));
  }

  public <T> Optional<T> first(String what, String sql, RowMapper<T> mapper, Object... args) {
    return list(what, sql, mapper, args).stream().findFirst();
  }

  /** Runs an INSERT, UPDATE, DELETE or other statement; returns the affected row count. */
  public int update(String what, String sql, Object... args) {
    return transactionless(what, s -> s.update(sql, args));
  }

  /**
   * Runs {@code work} on one connection in a local transaction of its own (for {@code SET LOCAL}
   * settings that must hold for the statements after them); not for use inside a JTA transaction.
   */
  public <T> T inTransaction(String what, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        T result = work.run(new Session(c));
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot " + what, e);
    }
  }

  private <T> T transactionless(String what, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      return work.run(new Session(c));
    } catch (SQLException e) {
      throw new IllegalStateException("cannot " + what, e);
    }
  }

  /** Statements on one connection. */
  public final class Session {
    private final Connection connection;

    private Session(Connection connection) {
      this.connection = connection;
    }

    public <T> List<T> list(String sql, RowMapper<T> rowMapper, Object... args)
        throws SQLException {
      try (PreparedStatement ps = connection.prepareStatement(sql)) {
        bind(ps, args);
        List<T> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          Row row = new Row(rs);
          while (rs.next()) {
            out.add(rowMapper.map(row));
          }
        }
        return out;
      }
    }

    public int update(String sql, Object... args) throws SQLException {
      try (PreparedStatement ps = connection.prepareStatement(sql)) {
        bind(ps, args);
        return ps.executeUpdate();
      }
    }

    /** A statement without parameters or rows ({@code SET LOCAL ...}). */
    public void execute(String sql) throws SQLException {
      try (Statement s = connection.createStatement()) {
        s.execute(sql);
      }
    }

    private void bind(PreparedStatement ps, Object[] args) throws SQLException {
      for (int i = 0; i < args.length; i++) {
        Object arg =
            args[i] instanceof SqlArray a
                ? connection.createArrayOf(a.type(), a.values())
                : args[i];
        ps.setObject(i + 1, arg);
      }
    }
  }

  /** The current row of a result set, read by column name. */
  public final class Row {
    private final ResultSet rs;

    private Row(ResultSet rs) {
      this.rs = rs;
    }

    public String string(String column) throws SQLException {
      return rs.getString(column);
    }

    public long longValue(String column) throws SQLException {
      return rs.getLong(column);
    }

    public int intValue(String column) throws SQLException {
      return rs.getInt(column);
    }

    public double doubleValue(String column) throws SQLException {
      return rs.getDouble(column);
    }

    /** A bigint that may be NULL. */
    public Long nullableLong(String column) throws SQLException {
      return unlessNull(rs.getLong(column));
    }

    /** An integer that may be NULL. */
    public Integer nullableInt(String column) throws SQLException {
      return unlessNull(rs.getInt(column));
    }

    /** A number that may be NULL. */
    public Double nullableDouble(String column) throws SQLException {
      return unlessNull(rs.getDouble(column));
    }

    /** The primitive just read, or null when the column was SQL NULL (read as 0). */
    private <T> T unlessNull(T value) throws SQLException {
      return rs.wasNull() ? null : value;
    }

    public boolean bool(String column) throws SQLException {
      return rs.getBoolean(column);
    }

    public UUID uuid(String column) throws SQLException {
      return rs.getObject(column, UUID.class);
    }

    public OffsetDateTime time(String column) throws SQLException {
      return rs.getObject(column, OffsetDateTime.class);
    }

    /** A text or varchar array; NULL reads as empty. */
    public List<String> strings(String column) throws SQLException {
      Array array = rs.getArray(column);
      return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    /** A pgvector column; NULL reads as null. */
    public float[] vector(String column) throws SQLException {
      String text = rs.getString(column);
      return text == null ? null : new PGvector(text).toArray();
    }

    /** A jsonb column read as {@code type}; NULL reads as null. */
    public <T> T json(String column, Class<T> type) throws SQLException {
      String text = rs.getString(column);
      try {
        return text == null ? null : mapper.readValue(text, type);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("stored " + column + " is not a " + type.getName(), e);
      }
    }

    /** A jsonb column read as {@code type}; NULL reads as null. */
    public <T> T json(String column, TypeReference<T> type) throws SQLException {
      String text = rs.getString(column);
      try {
        return text == null ? null : mapper.readValue(text, type);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("stored " + column + " is unreadable", e);
      }
    }
  }
}
