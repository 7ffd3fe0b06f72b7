package dev.assay.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns a presented API key into the caller's identity: the key is looked up by its SHA-256 hash
 * (keys are never stored), off the event loop since it reads the database.
 */
@ApplicationScoped
class ApiKeyIdentities implements IdentityProvider<ApiKeyRequest> {
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
  public Uni<SecurityIdentity> authenticate(
      ApiKeyRequest request, AuthenticationRequestContext context) {
    return context.runBlocking(
        () ->
            keys.authenticate(request.key())
                .map(key -> Caller.identity(key.id(), key.workspaceId(), key.role()))
                .orElseThrow(() -> new AuthenticationFailedException(UNKNOWN_KEY)));
  }
}
