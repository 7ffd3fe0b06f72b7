package dev.assay.web;

import dev.assay.security.Caller;
import dev.assay.security.WebSessions;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.Response;

/**
 * Renders the web app's pages: every page gets the signed-in reviewer's role and the session's CSRF
 * token (the layout puts it in the sign-out form, pages in theirs), and the headers that keep a
 * page from being framed, sniffed or leaking its address to other sites.
 */
@RequestScoped
public class Pages {
  private static final String CSP = "Content-Security-Policy";
  private static final String PAGE_POLICY =
      "default-src 'self'; frame-ancestors 'none'; form-action 'self'";
  // Sent with every page and document; the CSP differs between the two, so it is set apart.
  private static final java.util.Map<String, String> HEADERS =
      java.util.Map.of(
          "X-Content-Type-Options",
          "nosniff",
          "Referrer-Policy",
          "no-referrer",
          "Cache-Control",
          "no-store");

  private final SecurityIdentity identity;
  private final Caller caller;

  Pages(SecurityIdentity identity, Caller caller) {
    this.identity = identity;
    this.caller = caller;
  }

  /** A page of the signed-in web app. */
  public Response page(TemplateInstance template) {
    return html(
        200,
        template.data("csrf", WebSessions.csrfToken(identity)).data("role", caller.role().wire()));
  }

  /** A page outside the signed-in app (sign-in, candidate feedback). */
  public static Response html(int status, TemplateInstance template) {
    Response.ResponseBuilder out =
        Response.status(status).type("text/html;charset=UTF-8").entity(template.render());
    HEADERS.forEach(out::header);
    return out.header(CSP, PAGE_POLICY).build();
  }

  /**
   * A stored, self-contained HTML document (an evaluation report, a print view): its own inline
   * {@code <style>} is allowed, and nothing else (no script, no frames, no forms, no requests out).
   */
  public static Response selfContained(String html) {
    Response.ResponseBuilder out = Response.ok(html, "text/html;charset=UTF-8");
    HEADERS.forEach(out::header);
    return out.header(
            CSP,
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none';"
                + " form-action 'none'")
        .build();
  }

  /** Adds the page headers to a response built elsewhere (an error page made of a problem). */
  static void secure(jakarta.ws.rs.core.MultivaluedMap<String, Object> headers) {
    HEADERS.forEach(headers::putSingle);
    headers.putSingle(CSP, PAGE_POLICY);
  }

  /** Refuses a form whose CSRF token is not the session's (see {@link CsrfRefused}). */
  public void requireCsrf(String submitted) {
    if (!WebSessions.csrfMatches(identity, submitted)) {
      throw new CsrfRefused();
    }
  }

  /** See other: after a form, the browser loads {@code path} with a GET. */
  public static Response redirect(String path) {
    return Response.seeOther(java.net.URI.create(path)).build();
  }
}
