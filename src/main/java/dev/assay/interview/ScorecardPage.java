package dev.assay.interview;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The print-friendly scorecard page (templates/interview/scorecard.html). The template only reads
 * the {@link Scorecard} record, so the web app can include it as it is.
 */
@ApplicationScoped
class ScorecardPage {
  private final Template template;

  ScorecardPage(@Location("interview/scorecard.html") Template template) {
    this.template = template;
  }

  String render(Scorecard card) {
    return template.data("card", card).render();
  }
}
