package dev.assay.security;

import dev.assay.platform.ApiException;
import dev.assay.platform.DatabaseOutage;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Quarkus Security's refusals as problem+json: 401 without a key or with a bad one, 403 for a role
 * the endpoint does not admit. (Authentication is lazy, so these are raised inside Quarkus REST and
 * reach these mappers.) The web app's pages answer a missing or ended session with a redirect to
 * the sign-in page instead.
 */
class AccessProblems {
  private final Caller caller;

  AccessProblems(Caller caller) {
    this.caller = caller;
  }

  @ServerExceptionMapper
  Response noKey(UnauthorizedException e, UriInfo uri) {
    if (isPage(uri)) {
      return toSignIn(uri).build();
    }
    return unauthorized("send an API key as 'Authorization: Bearer <key>'");
  }

  @ServerExceptionMapper
  Response badKey(AuthenticationFailedException e, UriInfo uri) {
    if (DatabaseOutage.causedBy(e)) {
      // The key could not be checked, which says nothing about the key: try again later.
      return DatabaseOutage.problem().toResponse();
    }
    if (isPage(uri)) {
      return toSignIn(uri).cookie(WebCookies.expired()).build();
    }
    return unauthorized(ApiKeyIdentities.UNKNOWN_KEY);
  }

  private static boolean isPage(UriInfo uri) {
    String path = uri.getPath();
    return path.equals(WebSessions.PATH) || path.startsWith(WebSessions.PATH + "/");
  }

  /** See other: the sign-in page, which returns to the page asked for (a GET) afterwards. */
  private static Response.ResponseBuilder toSignIn(UriInfo uri) {
    String next = uri.getRequestUri().getRawPath();
    String query = uri.getRequestUri().getRawQuery();
    URI signIn =
        UriBuilder.fromPath(WebSessions.PATH + "/sign-in")
            .queryParam("next", query == null ? next : next + "?" + query)
            .build();
    return Response.seeOther(signIn);
  }

  @ServerExceptionMapper
  Response wrongRole(ForbiddenException e) {
    return new ApiException(
            403,
            "forbidden",
            "Forbidden",
            "a " + caller.role().wire() + " key may not call this endpoint",
            List.of())
        .toResponse();
  }

  private static Response unauthorized(String detail) {
    return new ApiException(401, "unauthorized", "Unauthorized", detail, List.of()).toResponse();
  }
}
