package dev.assay.security;

import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads {@code Authorization: Bearer <key>}. A key that is unknown or revoked fails in {@link
 * ApiKeyIdentities} (401). Authentication is lazy ({@code quarkus.http.auth.proactive} is off):
 * only endpoints that need a role look at the header, so {@code /q/*} never does.
 *
 * <p>Other mechanisms (a web app's session cookie) sit beside this one: each claims its own
 * credential transport and request type, and builds identities through {@link Caller#identity}.
 */
@ApplicationScoped
class ApiKeyMechanism extends CredentialMechanism<ApiKeyRequest> {
  private static final String BEARER = "Bearer ";
  private static final HttpCredentialTransport TRANSPORT =
      new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, "bearer");

  @Override
  ApiKeyRequest credential(RoutingContext context) {
    String header = context.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.startsWith(BEARER) || header.length() == BEARER.length()) {
      return null;
    }
    return new ApiKeyRequest(header.substring(BEARER.length()).strip());
  }

  @Override
  Class<ApiKeyRequest> requestType() {
    return ApiKeyRequest.class;
  }

  @Override
  HttpCredentialTransport transport() {
    return TRANSPORT;
  }
}
