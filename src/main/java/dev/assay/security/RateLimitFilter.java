package dev.assay.security;

import dev.assay.platform.ApiException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * After authentication: a key over its limit gets 429 with {@code Retry-After} (seconds) and a
 * problem+json body; the call does nothing, so no LLM call is made for it.
 */
class RateLimitFilter {
  private final Caller caller;
  private final RateLimits limits;

  RateLimitFilter(Caller caller, RateLimits limits) {
    this.caller = caller;
    this.limits = limits;
  }

  @ServerRequestFilter(priority = Priorities.USER + 10)
  Optional<Response> limit(ContainerRequestContext request) {
    if (!caller.authenticated()) {
      return Optional.empty();
    }
    boolean grading =
        request.getMethod().equals("POST")
            && request.getUriInfo().getPath().replaceAll("/+$", "").equals("/api/v1/grades");
    OptionalLong wait = limits.take(caller.keyId(), grading);
    if (wait.isEmpty()) {
      return Optional.empty();
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
