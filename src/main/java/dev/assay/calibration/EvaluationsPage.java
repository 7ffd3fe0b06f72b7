package dev.assay.calibration;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.evaluation.EvalRuns;
import dev.assay.platform.PathIds;
import dev.assay.security.Caller;
import dev.assay.security.Roles;
import dev.assay.web.Formats;
import dev.assay.web.GroupedBars;
import dev.assay.web.Pages;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Evaluation runs with their HTML reports, the promotion gate's decisions and the shadow
 * configuration's agreement, in the web app. Read-only; reviewers and admins, as the API allows.
 */
@Path("/app/evaluations")
@RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
@RunOnVirtualThread
@TemplateData(target = EvalRuns.RunView.class)
@TemplateData(target = ShadowReports.Report.class)
@TemplateData(target = ShadowReports.Figures.class)
class EvaluationsPage {
  private static final int RUNS = 50;
  private static final int CHARTED = 10;

  private final Template page;
  private final EvalRuns runs;
  private final Promotions promotions;
  private final ShadowReports shadow;
  private final dev.assay.grading.GraderConfigs configs;
  private final Caller caller;
  private final Pages pages;

  EvaluationsPage(
      @Location("app/evaluations.html") Template page,
      EvalRuns runs,
      Promotions promotions,
      ShadowReports shadow,
      dev.assay.grading.GraderConfigs configs,
      Caller caller,
      Pages pages) {
    this.page = page;
    this.runs = runs;
    this.promotions = promotions;
    this.shadow = shadow;
    this.configs = configs;
    this.caller = caller;
    this.pages = pages;
  }

  /** A run as the table lists it: the grader configuration's name and the headline QWK. */
  @TemplateData
  record RunRow(EvalRuns.RunView run, String grader, String qwk, String mae) {}

  /** A promotion as the history lists it, with the gate's reasons in words. */
  @TemplateData
  record PromotionRow(
      String id,
      String candidate,
      String active,
      boolean pending,
      String status,
      String created,
      String decided,
      List<String> reasons,
      List<String> activated) {}

  @GET
  @Operation(hidden = true)
  public Response show() {
    long ws = caller.workspaceId();
    List<RunRow> rows = new ArrayList<>();
    List<GroupedBars.Datum> chart = new ArrayList<>();
    for (EvalRuns.RunView run : runs.list(ws, 0, RUNS)) {
      JsonNode grader = "done".equals(run.status()) ? runs.get(ws, run.id()).report() : null;
      JsonNode summary = grader == null ? null : grader.path("grader");
      rows.add(
          new RunRow(
              run,
              run.grader() == null ? "" : run.grader().path("ref").asText(""),
              metric(summary, "qwk"),
              metric(summary, "mae")));
      if (summary != null && summary.path("qwk").isNumber() && chart.size() < CHARTED) {
        chart.add(
            new GroupedBars.Datum(
                run.dataset() + ", " + Formats.when(run.createdAt()),
                List.of(summary.path("qwk").asDouble(), summary.path("mae").asDouble())));
      }
    }
    return pages.page(
        page.data("nav", "evaluations")
            .data("runs", rows)
            .data(
                "chart",
                GroupedBars.of(
                    "runs-chart",
                    "Agreement with human scores in the latest finished runs",
                    List.of("weighted kappa", "mean absolute error"),
                    chart.reversed(),
                    1,
                    Formats::num))
            .data("promotions", promotions(ws))
            .data(
                "shadow",
                configs.shadow(ws).isPresent() ? shadow.report(ws, null, null, null) : null)
            .data("activeConfig", configs.active(ws).ref()));
  }

  @GET
  @Path("{id}/report")
  @Operation(hidden = true)
  public Response report(@PathParam("id") String id) {
    return Pages.selfContained(runs.html(caller.workspaceId(), PathIds.uuid("evaluation run", id)));
  }

  private List<PromotionRow> promotions(long ws) {
    return promotions.list(ws, 0, RUNS).stream()
        .map(
            p ->
                new PromotionRow(
                    p.id().toString(),
                    p.candidate(),
                    p.activeAtRequest(),
                    p.includePendingExemplars(),
                    p.status(),
                    Formats.when(p.createdAt()),
                    Formats.when(p.decidedAt()),
                    reasons(p.decision()),
                    p.activatedExemplars() == null ? List.of() : p.activatedExemplars()))
        .toList();
  }

  /** The gate's reasons for refusing, or the failure, in words; empty for a promotion. */
  private static List<String> reasons(JsonNode decision) {
    List<String> out = new ArrayList<>();
    if (decision == null) {
      return out;
    }
    decision.path("gate").path("reasons").forEach(r -> out.add(r.asText()));
    for (String field : List.of("reason", "error", "message")) {
      if (decision.path(field).isTextual()) {
        out.add(decision.path(field).asText());
      }
    }
    return out;
  }

  private static String metric(JsonNode summary, String name) {
    return summary != null && summary.path(name).isNumber()
        ? Formats.num(summary.path(name).asDouble())
        : "–";
  }
}
