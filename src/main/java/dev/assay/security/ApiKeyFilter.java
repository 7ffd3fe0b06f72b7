package dev.assay.security;

import dev.assay.platform.ApiException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Authenticates every API call by its {@code Authorization: Bearer <key>} header and checks the
 * key's role against the resource's {@link Allowed} roles: 401 without a valid key, 403 for the
 * wrong role. Health, metrics and OpenAPI are not API resources and need no key.
 */
class ApiKeyFilter {
  private static final String BEARER = "Bearer ";

  private final ApiKeyService keys;
  private final Caller caller;

  ApiKeyFilter(ApiKeyService keys, Caller caller) {
    this.keys = keys;
    this.caller = caller;
  }

  @ServerRequestFilter
  Optional<Response> authenticate(ContainerRequestContext request, ResourceInfo resource) {
    Allowed allowed = allowed(resource);
    if (allowed == null) {
      return Optional.empty();
    }
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.startsWith(BEARER) || header.length() == BEARER.length()) {
      throw unauthorized("send an API key as 'Authorization: Bearer <key>'");
    }
    ApiKeyRepository.KeyRow key =
        keys.authenticate(header.substring(BEARER.length()).strip())
            .orElseThrow(() -> unauthorized("the API key is unknown or revoked"));
    caller.authenticate(key.id(), key.workspaceId(), key.role());
    List<Role> roles = Arrays.asList(allowed.value());
    if (!roles.contains(key.role())) {
      throw new ApiException(
          403,
          "forbidden",
          "Forbidden",
          "a " + key.role().wire() + " key may not call this endpoint",
          List.of());
    }
    return Optional.empty();
  }

  /**
   * The method's rule, else its class's; an API resource with neither is admin-only (fail closed).
   */
  private static Allowed allowed(ResourceInfo resource) {
    if (resource == null || resource.getResourceMethod() == null) {
      return null;
    }
    Allowed onMethod = resource.getResourceMethod().getAnnotation(Allowed.class);
    Allowed onClass = resource.getResourceClass().getAnnotation(Allowed.class);
    if (onMethod != null || onClass != null) {
      return onMethod != null ? onMethod : onClass;
    }
    return resource.getResourceClass().getPackageName().startsWith("dev.assay") ? ADMIN_ONLY : null;
  }

  @Allowed(Role.ADMIN)
  private static final class AdminOnly {}

  private static final Allowed ADMIN_ONLY = AdminOnly.class.getAnnotation(Allowed.class);

  private static ApiException unauthorized(String detail) {
    return new ApiException(401, "unauthorized", "Unauthorized", detail, List.of());
  }
}
