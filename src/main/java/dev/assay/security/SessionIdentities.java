package dev.assay.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Turns a web session id into the identity of the key that signed in. */
@ApplicationScoped
class SessionIdentities extends BlockingIdentities<SessionRequest> {
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
  Optional<SecurityIdentity> identity(SessionRequest request) {
    return sessions.identity(request.sessionId());
  }

  @Override
  String failure() {
    return ENDED;
  }
}
