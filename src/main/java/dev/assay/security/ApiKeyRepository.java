package dev.assay.security;

import dev.assay.platform.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** API key rows (hashes only; a key itself is never stored). */
@ApplicationScoped
class ApiKeyRepository {
  private static final String SELECT =
      "SELECT id, workspace_id, name, role, key_prefix, created_at, revoked_at, last_used_at FROM api_key";

  private final Jdbc jdbc;

  ApiKeyRepository(Jdbc jdbc) {
    this.jdbc = jdbc;
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
    jdbc.update(
        "store an API key",
        """
        INSERT INTO api_key (id, workspace_id, name, role, key_hash, key_prefix, created_by)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        """,
        id,
        workspaceId,
        name,
        role.wire(),
        hash,
        prefix,
        createdBy);
  }

  /** The active (not revoked) key with this hash. */
  Optional<KeyRow> activeByHash(String hash) {
    return jdbc.first(
        "read API keys",
        SELECT + " WHERE key_hash = ? AND revoked_at IS NULL",
        ApiKeyRepository::row,
        hash);
  }

  boolean exists(String hash) {
    return jdbc.first("read API keys", SELECT + " WHERE key_hash = ?", ApiKeyRepository::row, hash)
        .isPresent();
  }

  List<KeyRow> list(long workspaceId) {
    return jdbc.list(
        "read API keys",
        SELECT + " WHERE workspace_id = ? ORDER BY created_at",
        ApiKeyRepository::row,
        workspaceId);
  }

  /** Revokes a key of the workspace; false when the workspace has no such key. */
  boolean revoke(long workspaceId, UUID id) {
    return jdbc.update(
            "revoke an API key",
            "UPDATE api_key SET revoked_at = COALESCE(revoked_at, now()) WHERE workspace_id = ? AND id = ?",
            workspaceId,
            id)
        == 1;
  }

  /** Records use, at most once a minute per key so reads do not turn into a write each. */
  void touch(UUID id) {
    jdbc.update(
        "record API key use",
        "UPDATE api_key SET last_used_at = now() WHERE id = ?"
            + " AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')",
        id);
  }

  private static KeyRow row(Jdbc.Row r) throws SQLException {
    return new KeyRow(
        r.uuid("id"),
        r.longValue("workspace_id"),
        r.string("name"),
        Role.fromWire(r.string("role")),
        r.string("key_prefix"),
        r.time("created_at"),
        r.time("revoked_at"),
        r.time("last_used_at"));
  }
}
