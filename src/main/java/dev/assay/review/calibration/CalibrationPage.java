package dev.assay.review.calibration;

import dev.assay.metrics.Metrics;
import dev.assay.platform.ApiException;
import dev.assay.platform.PathIds;
import dev.assay.review.calibration.CalibrationMath.DriftPoint;
import dev.assay.review.calibration.CalibrationMath.Range;
import dev.assay.security.Caller;
import dev.assay.security.Role;
import dev.assay.security.Roles;
import dev.assay.web.Formats;
import dev.assay.web.Pages;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The calibration pages: the workspace's sets, and per set the caller's blind items to score, the
 * items they scored with what scoring revealed, and the report (every reviewer for an admin, their
 * own row for a reviewer). Same services and figures as {@code /api/v1/calibration-sets}.
 */
@Path("/app/calibration")
@RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
@RunOnVirtualThread
@TemplateData(target = CalibrationSets.SetView.class)
@TemplateData(target = CalibrationSets.ItemView.class)
@TemplateData(target = CalibrationSets.Reveal.class)
class CalibrationPage {
  private final Template list;
  private final Template set;
  private final CalibrationSets sets;
  private final CalibrationReports reports;
  private final Caller caller;
  private final Pages pages;

  CalibrationPage(
      @Location("calibration/sets.html") Template list,
      @Location("calibration/set.html") Template set,
      CalibrationSets sets,
      CalibrationReports reports,
      Caller caller,
      Pages pages) {
    this.list = list;
    this.set = set;
    this.sets = sets;
    this.reports = reports;
    this.caller = caller;
    this.pages = pages;
  }

  /** A reviewer's report row with every figure already in words ("–" when undefined). */
  @TemplateData
  record Row(
      String name,
      int scored,
      String consensusQwk,
      String consensusMae,
      String automatedQwk,
      String automatedMae,
      String smd,
      String leaning,
      int overrides,
      String drift) {}

  @GET
  @Operation(hidden = true)
  public Response sets(@QueryParam("notice") String notice) {
    boolean admin = isAdmin();
    return pages.page(
        list.data("nav", "calibration")
            .data("sets", sets.list(caller.workspaceId(), caller.keyId(), admin))
            .data("admin", admin)
            .data("notice", notice == null ? null : "Calibration set created."));
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @RolesAllowed(Roles.ADMIN)
  @Operation(hidden = true)
  public Response create(
      @FormParam("_csrf") String csrf,
      @FormParam("name") String name,
      @FormParam("size") Integer size,
      @FormParam("days") Integer days) {
    pages.requireCsrf(csrf);
    if (name == null || name.isBlank() || size == null) {
      throw ApiException.badField("name", "a set needs a name and a size");
    }
    CalibrationSets.SetView created =
        sets.create(
            caller.workspaceId(),
            name,
            null,
            new CalibrationSets.Sample(size, days, null, null),
            caller.keyId());
    return Pages.redirect("/app/calibration/" + created.id() + "?notice=created");
  }

  @GET
  @Path("{id}")
  @Operation(hidden = true)
  public Response set(@PathParam("id") String id, @QueryParam("notice") String notice) {
    UUID setId = PathIds.uuid("calibration set", id);
    long workspace = caller.workspaceId();
    boolean admin = isAdmin();
    List<CalibrationSets.ItemView> items = sets.items(workspace, setId, caller.keyId());
    CalibrationReports.Report report =
        reports.report(
            workspace,
            setId,
            caller.keyId(),
            admin,
            CalibrationReports.options(null, null, null, null, Metrics.SEED));
    return pages.page(
        set.data("nav", "calibration")
            .data("s", sets.get(workspace, setId, caller.keyId(), admin))
            .data("blind", items.stream().filter(i -> i.yourScore() == null).toList())
            .data("scored", items.stream().filter(i -> i.yourScore() != null).toList())
            .data("rows", report.reviewers().stream().map(CalibrationPage::row).toList())
            .data("admin", admin)
            .data("notice", notice(notice)));
  }

  @POST
  @Path("{id}/items/{itemId}")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(hidden = true)
  public Response score(
      @PathParam("id") String id,
      @PathParam("itemId") String itemId,
      @FormParam("_csrf") String csrf,
      @FormParam("score") String score) {
    pages.requireCsrf(csrf);
    UUID setId = PathIds.uuid("calibration set", id);
    Double value;
    try {
      value = Double.valueOf(score);
    } catch (NumberFormatException | NullPointerException e) {
      return Pages.redirect("/app/calibration/" + setId + "?notice=refused");
    }
    try {
      sets.score(
          caller.workspaceId(),
          setId,
          PathIds.uuid("calibration item", itemId),
          value,
          caller.keyId());
    } catch (ApiException e) {
      return Pages.redirect("/app/calibration/" + setId + "?notice=refused");
    }
    return Pages.redirect("/app/calibration/" + setId + "?notice=scored#scored");
  }

  private static String notice(String notice) {
    return switch (notice == null ? "" : notice) {
      case "created" -> "Calibration set created. Every reviewer of the workspace can score it.";
      case "scored" -> "Score saved. The item's automated and other reviewers' scores are below.";
      case "refused" ->
          "That score was not saved: give a number from 0 to the item's maximum,"
              + " once per item.";
      default -> null;
    };
  }

  private static Row row(CalibrationReports.ReviewerRow r) {
    return new Row(
        r.name() == null ? "you" : r.name(),
        r.scored(),
        figure(r.consensus().qwk(), r.consensus().qwkCi()),
        figure(r.consensus().mae(), r.consensus().maeCi()),
        figure(r.automated().qwk(), r.automated().qwkCi()),
        figure(r.automated().mae(), r.automated().maeCi()),
        figure(r.lean().smd(), r.lean().smdCi()),
        r.lean().leaning().wire(),
        r.overrides(),
        r.drift().stream().map(CalibrationPage::drift).collect(Collectors.joining("; ")));
  }

  private static String drift(DriftPoint p) {
    return p.periodStart() + ": " + signed(p.meanChange()) + " (n=" + p.n() + ")";
  }

  /** A value with its interval: "0.44 [0.25, 0.63]". */
  static String figure(Double value, Range ci) {
    if (value == null) {
      return "–";
    }
    if (ci.low() == null || ci.high() == null) {
      return Formats.num(value);
    }
    return Formats.num(value) + " [" + Formats.num(ci.low()) + ", " + Formats.num(ci.high()) + "]";
  }

  private static String signed(double x) {
    return (x > 0 ? "+" : "") + Formats.num(x);
  }

  private boolean isAdmin() {
    return caller.role() == Role.ADMIN;
  }
}
