package dev.assay.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Turns a web session id into the identity of the key that signed in (off the event loop). */
@ApplicationScoped
class SessionIdentities implements IdentityProvider<SessionRequest> {
  static final String ENDED = "the session has ended; sign in again";

  private final WebSessions sessions;

  SessionIdentities(WebSessions sessions) {
    this.sessions = sessions;
  }

  @Override
  public Class<SessionRequest> getRequestType() {
    return SessionRequest.class;
  }

  @Override
  public Uni<SecurityIdentity> authenticate(
      SessionRequest request, AuthenticationRequestContext context) {
    return context.runBlocking(
        () ->
            sessions
                .identity(request.sessionId())
                .orElseThrow(() -> new AuthenticationFailedException(ENDED)));
  }
}
