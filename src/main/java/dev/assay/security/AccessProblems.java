package dev.assay.security;

import dev.assay.platform.ApiException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Quarkus Security's refusals as problem+json: 401 without a key or with a bad one, 403 for a role
 * the endpoint does not admit. (Authentication is lazy, so these are raised inside Quarkus REST and
 * reach these mappers.)
 */
class AccessProblems {
  private final Caller caller;

  AccessProblems(Caller caller) {
    this.caller = caller;
  }

  @ServerExceptionMapper
  Response noKey(UnauthorizedException e) {
    return unauthorized("send an API key as 'Authorization: Bearer <key>'");
  }

  @ServerExceptionMapper
  Response badKey(AuthenticationFailedException e) {
    return unauthorized(ApiKeyIdentities.UNKNOWN_KEY);
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
