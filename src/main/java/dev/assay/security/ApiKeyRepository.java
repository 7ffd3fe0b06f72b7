package dev.assay.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** API key rows (hashes only; a key itself is never stored). */
@ApplicationScoped
class ApiKeyRepository {
  private static final String COLUMNS =
      "id, workspace_id, name, role, key_prefix, created_at, revoked_at, last_used_at";

  private final DataSource dataSource;

  ApiKeyRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** A key as listed to admins: never the key, only its prefix. */
  record KeyRow(
      UUID id,
      long workspaceId,
      String name,
      Role role,
      String prefix,
      OffsetDateTime createdAt,
      OffsetDateTime revokedAt,
      OffsetDateTime lastUsedAt) {}

  void insert(
      UUID id,
      long workspaceId,
      String name,
      Role role,
      String hash,
      String prefix,
      UUID createdBy) {
    String sql =
        """
        INSERT INTO api_key (id, workspace_id, name, role, key_hash, key_prefix, created_by)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        """;
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, id);
      ps.setLong(2, workspaceId);
      ps.setString(3, name);
      ps.setString(4, role.wire());
      ps.setString(5, hash);
      ps.setString(6, prefix);
      ps.setObject(7, createdBy);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot store API key", e);
    }
  }

  /** The active (not revoked) key with this hash. */
  Optional<KeyRow> activeByHash(String hash) {
    return query(
            "SELECT " + COLUMNS + " FROM api_key WHERE key_hash = ? AND revoked_at IS NULL", hash)
        .stream()
        .findFirst();
  }

  boolean exists(String hash) {
    return !query("SELECT " + COLUMNS + " FROM api_key WHERE key_hash = ?", hash).isEmpty();
  }

  List<KeyRow> list(long workspaceId) {
    return query(
        "SELECT " + COLUMNS + " FROM api_key WHERE workspace_id = ? ORDER BY created_at",
        workspaceId);
  }

  /** Revokes a key of the workspace; false when the workspace has no such key. */
  boolean revoke(long workspaceId, UUID id) {
    return update(
            "UPDATE api_key SET revoked_at = COALESCE(revoked_at, now()) WHERE workspace_id = ? AND id = ?",
            workspaceId,
            id)
        == 1;
  }

  /** Records use, at most once a minute per key so reads do not turn into a write each. */
  void touch(UUID id) {
    update(
        "UPDATE api_key SET last_used_at = now() WHERE id = ?"
            + " AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')",
        id);
  }

  private int update(String sql, Object... args) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot update API keys", e);
    }
  }

  private List<KeyRow> query(String sql, Object... args) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      List<KeyRow> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new KeyRow(
                  rs.getObject(1, UUID.class),
                  rs.getLong(2),
                  rs.getString(3),
                  Role.fromWire(rs.getString(4)),
                  rs.getString(5),
                  rs.getObject(6, OffsetDateTime.class),
                  rs.getObject(7, OffsetDateTime.class),
                  rs.getObject(8, OffsetDateTime.class)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read API keys", e);
    }
  }
}
