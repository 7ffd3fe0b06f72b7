package dev.assay.platform;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every request gets an id: the caller's {@value #HEADER} when it is well formed (so a platform can
 * follow one call through its own logs and ours), else a new UUID. The id goes into the logging MDC
 * as {@value #MDC_KEY} (the log format prints it), is echoed in the response header, and is written
 * into every problem+json body, so a client can quote it when it reports a failure. Runs first,
 * before the body-size limit and authentication, so their answers carry it too.
 */
@ApplicationScoped
class RequestIds {
  static final String HEADER = "X-Request-Id";
  static final String MDC_KEY = "requestId";

  /** Printable, no spaces or separators that could forge a log field; at most 128 characters. */
  private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

  private static final int FIRST = Integer.MIN_VALUE + 1;

  void install(@Observes Router router) {
    router.route().order(FIRST).handler(RequestIds::assign);
  }

  private static void assign(RoutingContext ctx) {
    String id = accepted(ctx.request().getHeader(HEADER));
    ctx.put(MDC_KEY, id);
    MDC.put(MDC_KEY, id);
    ctx.response().putHeader(HEADER, id);
    ctx.addEndHandler(done -> MDC.remove(MDC_KEY));
    ctx.next();
  }

  /**
   * Again on the thread that runs the resource method (a virtual thread for most endpoints): the
   * MDC of the event loop, where {@link #assign} ran, does not follow the request there.
   */
  @ServerRequestFilter
  void onResourceThread(RoutingContext ctx) {
    String id = ctx.get(MDC_KEY);
    if (id != null) {
      MDC.put(MDC_KEY, id);
    }
  }

  /** The caller's id when it is well formed, else a fresh one. */
  static String accepted(String offered) {
    return offered != null && WELL_FORMED.matcher(offered).matches()
        ? offered
        : UUID.randomUUID().toString();
  }

  /** The current request's id, or null outside a request (a problem body then has none). */
  static String current() {
    Object id = MDC.get(MDC_KEY);
    return id == null ? null : id.toString();
  }
}
