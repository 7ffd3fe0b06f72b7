package dev.assay.security;

import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads the web app's session cookie, beside {@link ApiKeyMechanism}. The cookie's path is {@value
 * WebSessions#PATH}, so browsers send it to the web app's pages only and never to {@code /api}: the
 * API stays bearer-only and cannot be driven by a cross-site request riding on the cookie (a cookie
 * sent elsewhere by hand is ignored too).
 */
@ApplicationScoped
class SessionMechanism extends CredentialMechanism<SessionRequest> {
  private static final HttpCredentialTransport TRANSPORT =
      new HttpCredentialTransport(HttpCredentialTransport.Type.COOKIE, WebSessions.COOKIE);

  @Override
  SessionRequest credential(RoutingContext context) {
    Cookie cookie = context.request().getCookie(WebSessions.COOKIE);
    if (!context.normalizedPath().startsWith(WebSessions.PATH + "/")
        || cookie == null
        || cookie.getValue().isBlank()) {
      return null;
    }
    return new SessionRequest(cookie.getValue());
  }

  @Override
  Class<SessionRequest> requestType() {
    return SessionRequest.class;
  }

  @Override
  HttpCredentialTransport transport() {
    return TRANSPORT;
  }
}
