package dev.assay.review;

import dev.assay.security.Caller;
import dev.assay.security.Roles;
import dev.assay.web.BarChart;
import dev.assay.web.Pages;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The dashboard: how far people agree with the automated grades (the audit sample's estimate marked
 * as the unbiased one), per question and week by week, and what waits in the queue. Figures come
 * from {@link LiveAgreement}, the same report as {@code GET /api/v1/agreement}.
 */
@Path("/app/dashboard")
@RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
@RunOnVirtualThread
@TemplateData(target = AgreementReport.class)
@TemplateData(target = AgreementReport.Counts.class)
@TemplateData(target = AgreementReport.Block.class)
@TemplateData(target = AgreementReport.Overall.class)
@TemplateData(target = AgreementReport.Interval.class)
class DashboardPage {
  private static final int WEEKS = 8;
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d");

  private final Template page;
  private final LiveAgreement agreement;
  private final ReviewService reviews;
  private final Caller caller;
  private final Pages pages;

  DashboardPage(
      @Location("app/dashboard.html") Template page,
      LiveAgreement agreement,
      ReviewService reviews,
      Caller caller,
      Pages pages) {
    this.page = page;
    this.agreement = agreement;
    this.reviews = reviews;
    this.caller = caller;
    this.pages = pages;
  }

  @GET
  @Operation(hidden = true)
  public Response show() {
    long workspace = caller.workspaceId();
    AgreementReport report = agreement.report(workspace, null, null, null);
    return pages.page(
        page.data("nav", "dashboard")
            .data("r", report)
            .data("waiting", reviews.queue(workspace, 0, QueuePage.WINDOW).size())
            .data("perQuestion", perQuestion(report.allReviewed().perQuestion()))
            .data("weekly", weekly(workspace)));
  }

  private static BarChart perQuestion(Map<String, AgreementReport.PerQuestion> questions) {
    List<BarChart.Datum> data = new ArrayList<>();
    questions.forEach(
        (slug, q) ->
            data.add(
                new BarChart.Datum(
                    slug + " (n=" + q.n() + ")",
                    orZero(q.meanAutomated()),
                    orZero(q.meanHuman()))));
    return BarChart.of(
        "Mean score per question, as a share of the scale", data, 1, "automated", "human");
  }

  /** Each of the last weeks: the share of reviewed grades overridden, and the mean error. */
  private BarChart weekly(long workspace) {
    OffsetDateTime end = OffsetDateTime.now(ZoneOffset.UTC);
    List<BarChart.Datum> data = new ArrayList<>();
    for (int i = WEEKS - 1; i >= 0; i--) {
      OffsetDateTime to = end.minusWeeks(i);
      OffsetDateTime from = to.minusWeeks(1);
      AgreementReport.Overall o =
          agreement.report(workspace, from, to, null).allReviewed().overall();
      if (o.n() > 0) {
        data.add(
            new BarChart.Datum(
                "week to " + DAY.format(to) + " (n=" + o.n() + ")",
                orZero(o.overrideRate()),
                orZero(o.mae())));
      }
    }
    return BarChart.of(
        "Week by week: share of reviewed grades overridden, and mean absolute error",
        data,
        1,
        "overridden",
        "mean absolute error");
  }

  private static double orZero(Double x) {
    return x == null ? 0 : x;
  }
}
