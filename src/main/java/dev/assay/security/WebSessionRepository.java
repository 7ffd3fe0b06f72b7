package dev.assay.security;

import dev.assay.platform.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/** Web app sessions, by the hash of their id (the id itself lives only in the browser). */
@ApplicationScoped
class WebSessionRepository {
  private final Jdbc jdbc;

  WebSessionRepository(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** A live session: the key acting through it and the CSRF token of its forms. */
  record LiveSession(UUID keyId, long workspaceId, Role role, String csrfToken) {}

  void insert(String idHash, UUID keyId, String csrfToken, OffsetDateTime expiresAt) {
    jdbc.update(
        "start a web session",
        "INSERT INTO web_session (id_hash, api_key_id, csrf_token, expires_at) VALUES (?, ?, ?, ?)",
        idHash,
        keyId,
        csrfToken,
        expiresAt);
  }

  /** The session, unless it ended, expired, or its key was revoked. */
  Optional<LiveSession> live(String idHash) {
    return jdbc.first(
        "read a web session",
        """
        SELECT k.id AS key_id, k.workspace_id, k.role, s.csrf_token
          FROM web_session s JOIN api_key k ON k.id = s.api_key_id
         WHERE s.id_hash = ? AND s.ended_at IS NULL AND s.expires_at > now()
           AND k.revoked_at IS NULL
        """,
        WebSessionRepository::row,
        idHash);
  }

  void end(String idHash) {
    jdbc.update(
        "end a web session",
        "UPDATE web_session SET ended_at = COALESCE(ended_at, now()) WHERE id_hash = ?",
        idHash);
  }

  private static LiveSession row(Jdbc.Row r) throws SQLException {
    return new LiveSession(
        r.uuid("key_id"),
        r.longValue("workspace_id"),
        Role.fromWire(r.string("role")),
        r.string("csrf_token"));
  }
}
