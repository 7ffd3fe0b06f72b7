package dev.assay.security;

import dev.assay.platform.ApiException;
import dev.assay.platform.Hashing;
import dev.assay.workspace.WorkspaceRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Issues, lists, revokes and checks API keys; installs the bootstrap admin key at start-up. */
@ApplicationScoped
public class ApiKeyService {
  private static final Logger LOG = Logger.getLogger(ApiKeyService.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int MIN_BOOTSTRAP_LENGTH = 24;

  private final ApiKeyRepository keys;
  private final WorkspaceRepository workspaces;
  private final SecurityConfig config;

  ApiKeyService(ApiKeyRepository keys, WorkspaceRepository workspaces, SecurityConfig config) {
    this.keys = keys;
    this.workspaces = workspaces;
    this.config = config;
  }

  /** A key as listed: never the secret itself. */
  public record KeyView(
      UUID id,
      String name,
      Role role,
      String prefix,
      OffsetDateTime createdAt,
      OffsetDateTime revokedAt,
      OffsetDateTime lastUsedAt) {}

  /** A freshly issued key: {@code key} is shown this once and never again. */
  public record IssuedKey(UUID id, String name, Role role, String prefix, String key) {}

  void onStart(@Observes StartupEvent event) {
    config
        .bootstrapAdminKey()
        .filter(k -> !k.isBlank())
        .ifPresent(
            key -> {
              if (key.length() < MIN_BOOTSTRAP_LENGTH) {
                throw new IllegalStateException(
                    "ASSAY_BOOTSTRAP_ADMIN_KEY must be at least "
                        + MIN_BOOTSTRAP_LENGTH
                        + " characters");
              }
              if (!keys.exists(Hashing.sha256(key))) {
                long workspace =
                    QuarkusTransaction.requiringNew().call(() -> workspaces.defaultWorkspace().id);
                keys.insert(
                    UUID.randomUUID(),
                    workspace,
                    "bootstrap admin",
                    Role.ADMIN,
                    Hashing.sha256(key),
                    prefix(key),
                    null);
                LOG.info("installed the bootstrap admin key for the default workspace");
              }
            });
  }

  /** The caller behind a presented key, if the key is known and not revoked. */
  Optional<ApiKeyRepository.KeyRow> authenticate(String presented) {
    Optional<ApiKeyRepository.KeyRow> row = keys.activeByHash(Hashing.sha256(presented));
    row.ifPresent(r -> keys.touch(r.id()));
    return row;
  }

  public IssuedKey issue(long workspaceId, String name, Role role, UUID createdBy) {
    String key = "assay_" + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes());
    UUID id = UUID.randomUUID();
    keys.insert(id, workspaceId, name, role, Hashing.sha256(key), prefix(key), createdBy);
    return new IssuedKey(id, name, role, prefix(key), key);
  }

  public List<KeyView> list(long workspaceId) {
    return keys.list(workspaceId).stream()
        .map(
            k ->
                new KeyView(
                    k.id(),
                    k.name(),
                    k.role(),
                    k.prefix(),
                    k.createdAt(),
                    k.revokedAt(),
                    k.lastUsedAt()))
        .toList();
  }

  public void revoke(long workspaceId, UUID id) {
    if (!keys.revoke(workspaceId, id)) {
      throw ApiException.notFound("key", id.toString());
    }
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  private static String prefix(String key) {
    return key.substring(0, Math.min(12, key.length()));
  }
}
