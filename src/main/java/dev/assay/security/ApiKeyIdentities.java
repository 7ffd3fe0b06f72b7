package dev.assay.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Turns a presented API key into the caller's identity: looked up by its SHA-256 hash (keys are
 * never stored).
 */
@ApplicationScoped
class ApiKeyIdentities extends BlockingIdentities<ApiKeyRequest> {
  static final String UNKNOWN_KEY = "the API key is unknown or revoked";

  private final ApiKeyService keys;

  ApiKeyIdentities(ApiKeyService keys) {
    this.keys = keys;
  }

  @Override
  public Class<ApiKeyRequest> getRequestType() {
    return ApiKeyRequest.class;
  }

  @Override
  Optional<SecurityIdentity> identity(ApiKeyRequest request) {
    return keys.authenticate(request.key())
        .map(key -> Caller.identity(key.id(), key.workspaceId(), key.role()));
  }

  @Override
  String failure() {
    return UNKNOWN_KEY;
  }
}
