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
    return Response.status(status)
        .type("text/html;charset=UTF-8")
        .header(
            "Content-Security-Policy",
            "default-src 'self'; frame-ancestors 'none'; form-action 'self'")
        .header("X-Content-Type-Options", "nosniff")
        .header("Referrer-Policy", "no-referrer")
        .header("Cache-Control", "no-store")
        .entity(template.render())
        .build();
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
