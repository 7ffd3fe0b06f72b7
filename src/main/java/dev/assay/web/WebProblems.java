package dev.assay.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Refusals a person sees in the browser, as pages rather than problem+json. */
class WebProblems {
  private final Template error;

  WebProblems(@Location("app/error.html") Template error) {
    this.error = error;
  }

  @ServerExceptionMapper
  Response csrf(CsrfRefused e) {
    return Pages.html(
        403,
        error
            .data("title", "This form has expired")
            .data(
                "message",
                "The form was not sent from a page of this session. Go back, reload the page and"
                    + " try again."));
  }
}
