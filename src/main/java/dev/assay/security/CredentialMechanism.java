package dev.assay.security;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * A mechanism that reads one kind of credential and hands it to the identity providers. A request
 * without it is anonymous (the endpoint's {@code @RolesAllowed} then answers 401); the challenge
 * only sets the status, because {@link AccessProblems} writes the body (problem+json, or a redirect
 * to the sign-in page for pages).
 */
abstract class CredentialMechanism<R extends AuthenticationRequest>
    implements HttpAuthenticationMechanism {

  /** The credential this mechanism reads from the request, or null when it carries none. */
  abstract R credential(RoutingContext context);

  abstract Class<R> requestType();

  abstract HttpCredentialTransport transport();

  @Override
  public Uni<SecurityIdentity> authenticate(
      RoutingContext context, IdentityProviderManager identityProviderManager) {
    R request = credential(context);
    if (request == null) {
      return Uni.createFrom().nullItem();
    }
    return identityProviderManager.authenticate(
        HttpSecurityUtils.setRoutingContextAttribute(request, context));
  }

  @Override
  public Uni<ChallengeData> getChallenge(RoutingContext context) {
    return Uni.createFrom().item(new ChallengeData(401, null, null));
  }

  @Override
  public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
    return Set.of(requestType());
  }

  @Override
  public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
    return Uni.createFrom().item(transport());
  }
}
