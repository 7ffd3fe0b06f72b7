package dev.assay.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.smallrye.mutiny.Uni;
import java.util.Optional;

/**
 * An identity provider whose look-up reads the database, so it runs off the event loop; a
 * credential it does not know fails authentication (401) with {@link #failure()}.
 */
abstract class BlockingIdentities<R extends AuthenticationRequest> implements IdentityProvider<R> {

  /** The identity behind the credential, empty when it is unknown, revoked or ended. */
  abstract Optional<SecurityIdentity> identity(R request);

  /** What the 401 says when {@link #identity} finds nobody. */
  abstract String failure();

  @Override
  public Uni<SecurityIdentity> authenticate(R request, AuthenticationRequestContext context) {
    return context.runBlocking(
        () -> identity(request).orElseThrow(() -> new AuthenticationFailedException(failure())));
  }
}
