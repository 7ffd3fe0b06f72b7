package dev.assay.security;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Reads {@code Authorization: Bearer <key>}. A request without such a header is anonymous (the
 * endpoint's {@code @RolesAllowed} then answers 401); a key that is unknown or revoked fails in
 * {@link ApiKeyIdentities} (also 401). Authentication is lazy ({@code quarkus.http.auth.proactive}
 * is off): only endpoints that need a role look at the header, so {@code /q/*} never does.
 *
 * <p>Other mechanisms (a web app's session cookie) sit beside this one: each claims its own
 * credential transport and request type, and builds identities through {@link Caller#identity}.
 */
@ApplicationScoped
class ApiKeyMechanism implements HttpAuthenticationMechanism {
  private static final String BEARER = "Bearer ";
  private static final HttpCredentialTransport TRANSPORT =
      new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, "bearer");

  @Override
  public Uni<SecurityIdentity> authenticate(
      RoutingContext context, IdentityProviderManager identityProviderManager) {
    String header = context.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.startsWith(BEARER) || header.length() == BEARER.length()) {
      return Uni.createFrom().nullItem();
    }
    ApiKeyRequest request = new ApiKeyRequest(header.substring(BEARER.length()).strip());
    return identityProviderManager.authenticate(
        HttpSecurityUtils.setRoutingContextAttribute(request, context));
  }

  /** The 401 body is written by {@link AccessProblems}; the challenge only sets the status. */
  @Override
  public Uni<ChallengeData> getChallenge(RoutingContext context) {
    return Uni.createFrom().item(new ChallengeData(401, null, null));
  }

  @Override
  public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
    return Set.of(ApiKeyRequest.class);
  }

  @Override
  public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
    return Uni.createFrom().item(TRANSPORT);
  }
}
