package dev.assay.fairness;

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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The fairness report and the LL144 bias-audit summary in the web app, for admins only: these are
 * the only pages that read cohort data, and they live here, in the one package allowed to. No
 * reviewer page shows a cohort attribute.
 */
@Path("/app/fairness")
@RolesAllowed(Roles.ADMIN)
@RunOnVirtualThread
@TemplateData(target = FairnessReport.class)
@TemplateData(target = FairnessReport.Section.class)
@TemplateData(target = FairnessReport.Group.class)
@TemplateData(target = FairnessReport.HumanAgreement.class)
@TemplateData(target = FairnessReport.Excluded.class)
@TemplateData(target = GroupStats.Distribution.class)
@TemplateData(target = GroupStats.Smd.class)
@TemplateData(target = BiasAudit.class)
@TemplateData(target = BiasAudit.Table.class)
@TemplateData(target = BiasAudit.Row.class)
class FairnessPage {
  private final Template page;
  private final Fairness fairness;
  private final Cohorts cohorts;
  private final Caller caller;
  private final Pages pages;

  FairnessPage(
      @Location("app/fairness.html") Template page,
      Fairness fairness,
      Cohorts cohorts,
      Caller caller,
      Pages pages) {
    this.page = page;
    this.fairness = fairness;
    this.cohorts = cohorts;
    this.caller = caller;
    this.pages = pages;
  }

  /** The form's choices as they were sent, so the page shows them selected. */
  @TemplateData
  record Choice(String attribute, String cross, String basis, String passMark) {}

  @GET
  @Operation(hidden = true)
  public Response show(
      @QueryParam("attribute") String attribute,
      @QueryParam("cross") String cross,
      @QueryParam("basis") String basis,
      @QueryParam("passMark") Double passMark) {
    long ws = caller.workspaceId();
    List<String> attributes =
        cohorts.summary(ws).stream().map(Cohorts.AttributeSummary::attribute).toList();
    String chosen =
        blank(attribute) ? (attributes.isEmpty() ? null : attributes.getFirst()) : attribute;
    Basis b = Basis.parse(blank(basis) ? null : basis);
    Fairness.Query query = new Fairness.Query(b, passMark, null, null, null, null, null);
    FairnessReport report = chosen == null ? null : fairness.report(ws, chosen, query);
    List<String> audited = new ArrayList<>();
    if (chosen != null) {
      audited.add(chosen);
      if (!blank(cross) && !cross.equals(chosen)) {
        audited.add(cross);
      }
    }
    return pages.page(
        page.data("nav", "fairness")
            .data("attributes", attributes)
            .data(
                "choice",
                new Choice(
                    chosen == null ? "" : chosen,
                    blank(cross) ? "" : cross,
                    b.wire(),
                    passMark == null ? "" : Formats.num(passMark)))
            .data("report", report)
            .data("chart", report == null ? null : chart(report))
            .data("audit", chosen == null ? null : fairness.audit(ws, audited, query)));
  }

  private static GroupedBars chart(FairnessReport report) {
    List<GroupedBars.Datum> data = new ArrayList<>();
    for (FairnessReport.Group g : report.overall().groups()) {
      if (!g.suppressed() && g.distribution() != null) {
        data.add(
            new GroupedBars.Datum(
                g.value() + " (n=" + g.n() + ")",
                List.of(
                    g.distribution().mean(), g.selectionRate() == null ? 0 : g.selectionRate())));
      }
    }
    return GroupedBars.of(
        "fairness-chart",
        "Per group: mean score (share of the scale) and share at or above the pass mark",
        List.of("mean score", "selection rate"),
        data,
        1,
        Formats::num);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
