package dev.assay.interview;

import dev.assay.platform.ApiException;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Interviews in the web app: the list, one candidate's role scorecard with its evidence linked to
 * the grade pages and its gaps named, the print-friendly scorecard, and several candidates for one
 * role side by side. Reviewers and admins see every interview of the workspace, as in the API.
 * Cohort attributes are not part of any of these (only {@code dev.assay.fairness} reads them).
 */
@Path("/app/interviews")
@RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
@RunOnVirtualThread
@TemplateData(target = Interview.class)
@TemplateData(target = Interview.RoleWeights.class)
@TemplateData(target = Scorecard.class)
@TemplateData(target = Scorecard.Overall.class)
@TemplateData(target = Scorecard.Range.class)
@TemplateData(target = Scorecard.AreaScore.class)
@TemplateData(target = Scorecard.Evidence.class)
@TemplateData(target = Scorecard.CriterionEvidence.class)
@TemplateData(target = Scorecard.Gap.class)
@TemplateData(target = Scorecard.Trust.class)
@TemplateData(target = Comparison.class)
@TemplateData(target = Comparison.AreaColumn.class)
@TemplateData(target = Comparison.Candidate.class)
@TemplateData(target = Comparison.Cell.class)
class InterviewPages {
  private static final int PAGE = 100;

  private final Template list;
  private final Template card;
  private final Template comparison;
  private final Interviews interviews;
  private final ScorecardPage print;
  private final Caller caller;
  private final Pages pages;

  InterviewPages(
      @Location("app/interviews.html") Template list,
      @Location("app/scorecard.html") Template card,
      @Location("app/comparison.html") Template comparison,
      Interviews interviews,
      ScorecardPage print,
      Caller caller,
      Pages pages) {
    this.list = list;
    this.card = card;
    this.comparison = comparison;
    this.interviews = interviews;
    this.print = print;
    this.caller = caller;
    this.pages = pages;
  }

  /** A role that has interviews, for the filter and the comparison form. */
  @TemplateData
  record RoleOption(String id, String name) {}

  @GET
  @Operation(hidden = true)
  public Response list(@QueryParam("role") String role) {
    long ws = caller.workspaceId();
    String filter = role == null || role.isBlank() ? null : role;
    TreeMap<String, RoleOption> roles = new TreeMap<>();
    interviews
        .list(ws, null, null, null, 0, PAGE)
        .items()
        .forEach(i -> roles.put(i.role().id(), new RoleOption(i.role().id(), i.role().name())));
    return pages.page(
        list.data("nav", "interviews")
            .data("items", interviews.list(ws, filter, null, null, 0, PAGE).items())
            .data("roles", List.copyOf(roles.values()))
            .data("roleFilter", filter == null ? "" : filter));
  }

  @GET
  @Path("{id}")
  @Operation(hidden = true)
  public Response scorecard(@PathParam("id") String id) {
    Scorecard s = interviews.scorecard(caller.workspaceId(), PathIds.uuid("interview", id), null);
    List<GroupedBars.Datum> bars = new ArrayList<>();
    s.areas().stream()
        .filter(a -> a.score() != null)
        .forEach(
            a ->
                bars.add(
                    new GroupedBars.Datum(
                        a.title() + " (weight " + Formats.percent(a.weight()) + ")",
                        List.of(a.score()))));
    return pages.page(
        card.data("nav", "interviews")
            .data("card", s)
            .data(
                "chart",
                GroupedBars.of(
                    "area-chart",
                    "Score per area, 0 to 100",
                    List.of("score"),
                    bars,
                    100,
                    v -> String.valueOf(Math.round(v)))));
  }

  @GET
  @Path("{id}/print")
  @Operation(hidden = true)
  public Response printable(@PathParam("id") String id) {
    Scorecard s = interviews.scorecard(caller.workspaceId(), PathIds.uuid("interview", id), null);
    return Pages.selfContained(print.render(s));
  }

  @GET
  @Path("compare")
  @Operation(hidden = true)
  public Response compare(@QueryParam("role") String role, @QueryParam("ids") List<String> ids) {
    if (role == null || role.isBlank()) {
      throw ApiException.badField("role", "choose a role to compare candidates for");
    }
    List<UUID> chosen = new ArrayList<>();
    for (String raw : ids) {
      for (String part : raw.split(",")) {
        if (!part.isBlank()) {
          chosen.add(PathIds.uuid("interview", part.strip()));
        }
      }
    }
    return pages.page(
        comparison
            .data("nav", "interviews")
            .data("c", interviews.compare(caller.workspaceId(), role, chosen, null)));
  }
}
