package dev.assay.web;

import dev.assay.platform.Problem;
import dev.assay.security.WebSessions;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * The web app answers people, not clients: a refusal on an {@code /app} page (an unknown grade or
 * question, a role the page does not admit, a bad query parameter) is shown as a page in the app's
 * layout with the same status, instead of the API's problem+json. The API keeps problem+json.
 */
class PageErrors {
  private static final MediaType HTML = MediaType.valueOf("text/html;charset=UTF-8");

  private final Template error;

  PageErrors(@Location("app/error.html") Template error) {
    this.error = error;
  }

  @ServerResponseFilter
  void asPage(ContainerRequestContext request, ContainerResponseContext response) {
    String path = request.getUriInfo().getPath();
    boolean page = path.equals(WebSessions.PATH) || path.startsWith(WebSessions.PATH + "/");
    if (!page || response.getStatus() < 400 || !(response.getEntity() instanceof Problem p)) {
      return;
    }
    TemplateInstance body = error.data("status", p.status());
    body =
        switch (p.status()) {
          case 404 ->
              body.data("title", "Page not found")
                  .data(
                      "message",
                      "There is no such page in this workspace ("
                          + p.detail()
                          + "). It may have been mistyped, or belong to another workspace.");
          case 403 ->
              body.data("title", "Not for your role")
                  .data("message", "This page is for other roles: " + p.detail() + ".");
          default -> body.data("title", p.title()).data("message", p.detail());
        };
    response.setEntity(body.render(), null, HTML);
    Pages.secure(response.getHeaders());
  }
}
