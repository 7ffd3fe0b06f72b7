package dev.assay.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A web app session id presented in the {@link WebSessions#COOKIE} cookie. */
final class SessionRequest extends BaseAuthenticationRequest {
  private final String sessionId;

  SessionRequest(String sessionId) {
    this.sessionId = sessionId;
  }

  String sessionId() {
    return sessionId;
  }
}
