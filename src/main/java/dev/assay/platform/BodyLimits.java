package dev.assay.platform;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Request bodies larger than the route allows are refused with 413 and a problem+json body before
 * they are read: a grade request holds one answer of at most 20,000 characters, so 256 KiB is
 * plenty; any other body may use the server-wide limit ({@code quarkus.http.limits.max-body-size}).
 * Runs just before Quarkus's own limit, which only answers bodies sent without a length.
 */
@ApplicationScoped
class BodyLimits {
  static final long GRADE_BODY_BYTES = 256 * 1024;
  private static final int BEFORE_UPLOAD_LIMIT = -3;

  private final long serverLimit;

  BodyLimits(
      @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
          MemorySize serverLimit) {
    this.serverLimit = serverLimit.asLongValue();
  }

  void install(@Observes Router router) {
    router.route().order(BEFORE_UPLOAD_LIMIT).handler(this::check);
  }

  private void check(RoutingContext ctx) {
    String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
    long limit = limit(ctx);
    long declared;
    try {
      declared = length == null ? -1 : Long.parseLong(length.strip());
    } catch (NumberFormatException e) {
      declared = -1;
    }
    if (declared > limit) {
      Problem problem =
          Problem.of(
              413,
              "payload-too-large",
              "Payload too large",
              "the request body has " + declared + " bytes; this endpoint accepts at most " + limit,
              List.of());
      ctx.response()
          .setStatusCode(413)
          .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
          .putHeader(HttpHeaders.CONNECTION, "close")
          .end(ProblemMappers.json(problem));
      return;
    }
    ctx.next();
  }

  private long limit(RoutingContext ctx) {
    boolean grading =
        ctx.request().method() == HttpMethod.POST
            && ctx.normalizedPath().replaceAll("/+$", "").equals("/api/v1/grades");
    return grading ? Math.min(GRADE_BODY_BYTES, serverLimit) : serverLimit;
  }
}
