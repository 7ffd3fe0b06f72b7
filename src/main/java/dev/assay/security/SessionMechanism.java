package dev.assay.security;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Reads the web app's session cookie, beside {@link ApiKeyMechanism}. The cookie's path is {@value
 * WebSessions#PATH}, so browsers send it to the web app's pages only and never to {@code /api}: the
 * API stays bearer-only and cannot be driven by a cross-site request riding on the cookie (a cookie
 * sent elsewhere by hand is ignored too).
 */
@ApplicationScoped
class SessionMechanism implements HttpAuthenticationMechanism {
  private static final HttpCredentialTransport TRANSPORT =
      new HttpCredentialTransport(HttpCredentialTransport.Type.COOKIE, WebSessions.COOKIE);

  @Override
  public Uni<SecurityIdentity> authenticate(
      RoutingContext context, IdentityProviderManager identityProviderManager) {
    Cookie cookie = context.request().getCookie(WebSessions.COOKIE);
    if (!context.normalizedPath().startsWith(WebSessions.PATH + "/")
        || cookie == null
        || cookie.getValue().isBlank()) {
      return Uni.createFrom().nullItem();
    }
    SessionRequest request = new SessionRequest(cookie.getValue());
    return identityProviderManager.authenticate(
        HttpSecurityUtils.setRoutingContextAttribute(request, context));
  }

  /** Pages turn a refusal into a redirect to the sign-in page ({@link AccessProblems}). */
  @Override
  public Uni<ChallengeData> getChallenge(RoutingContext context) {
    return Uni.createFrom().item(new ChallengeData(401, null, null));
  }

  @Override
  public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
    return Set.of(SessionRequest.class);
  }

  @Override
  public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
    return Uni.createFrom().item(TRANSPORT);
  }
}
