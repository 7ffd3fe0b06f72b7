package dev.assay.evaluation;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * A self-contained HTML page for one evaluation run (templates/evaluation/report.html): the
 * headline table, a predicted-vs-human scatter, the confusion heat-map and per-question agreement
 * bars, all as inline SVG with inline CSS (no scripts, no network), so the file can be mailed or
 * archived as it is.
 */
final class HtmlReport {
  private HtmlReport() {}

  /** The type-checked template: the build fails if the template reads what the view lacks. */
  @CheckedTemplate(basePath = "evaluation")
  static final class Templates {
    private Templates() {}

    static native TemplateInstance report(ReportView page);
  }

  static String render(EvalReport report) {
    return Templates.report(ReportView.of(report)).render();
  }
}
