package dev.assay.security;

import dev.assay.platform.ApiException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.OptionalLong;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * After authentication and the role check: a key over its limit gets 429 with {@code Retry-After}
 * (seconds) and a problem+json body; the call does nothing, so no LLM call is made for it. Calls
 * refused with 401 or 403 never reach this filter and use no budget. The identity is read without
 * blocking (this runs on the event loop).
 */
class RateLimitFilter {
  private final CurrentIdentityAssociation identities;
  private final RateLimits limits;

  RateLimitFilter(CurrentIdentityAssociation identities, RateLimits limits) {
    this.identities = identities;
    this.limits = limits;
  }

  @ServerRequestFilter(priority = Priorities.USER + 10)
  Uni<Response> limit(ContainerRequestContext request) {
    return identities.getDeferredIdentity().map(identity -> check(request, identity));
  }

  private Response check(ContainerRequestContext request, SecurityIdentity identity) {
    if (identity.isAnonymous()) {
      return null;
    }
    boolean grading =
        request.getMethod().equals("POST")
            && request.getUriInfo().getPath().replaceAll("/+$", "").equals("/api/v1/grades");
    OptionalLong wait = limits.take(Caller.keyOf(identity), grading);
    if (wait.isEmpty()) {
      return null;
    }
    throw new RateLimited(wait.getAsLong(), grading);
  }

  /** A 429 problem that carries the Retry-After value. */
  static final class RateLimited extends ApiException {
    final long retryAfterSeconds;

    RateLimited(long retryAfterSeconds, boolean grading) {
      super(
          429,
          "rate-limited",
          "Too many requests",
          (grading ? "this key's grade limit" : "this key's request limit")
              + " is used up; retry after "
              + retryAfterSeconds
              + " s",
          List.of());
      this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public java.util.Map<String, String> headers() {
      return java.util.Map.of("Retry-After", String.valueOf(retryAfterSeconds));
    }
  }
}
