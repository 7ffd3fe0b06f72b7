package dev.assay.interview;

import dev.assay.platform.ApiException;
import dev.assay.platform.PathIds;
import dev.assay.security.Caller;
import dev.assay.security.Roles;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Interviews and role scorecards. Grader keys see only the interviews and grades they made. */
@Path("/api/v1/interviews")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Interviews", description = "A candidate's answers scored for a role")
@RolesAllowed({Roles.GRADER, Roles.REVIEWER, Roles.ADMIN})
@RunOnVirtualThread
class InterviewResource {
  private final Interviews interviews;
  private final ScorecardPage page;
  private final Caller caller;

  InterviewResource(Interviews interviews, ScorecardPage page, Caller caller) {
    this.interviews = interviews;
    this.page = page;
    this.caller = caller;
  }

  private UUID owner() {
    return caller.seesOnlyOwn() ? caller.keyId() : null;
  }

  @POST
  @RolesAllowed({Roles.GRADER, Roles.ADMIN})
  @Operation(
      summary = "Open an interview",
      description =
          "Grades with the same candidateRef are the interview's answers (only the planned"
              + " questions, when plannedQuestions is given); 201 with the interview")
  public Response create(@NotNull @Valid InterviewRequest body) {
    Interview created = interviews.create(caller.workspaceId(), body, caller.keyId());
    return Response.created(URI.create("/api/v1/interviews/" + created.id()))
        .entity(created)
        .build();
  }

  @GET
  @Operation(summary = "Interviews, newest first, by role and candidate")
  public Interviews.Page list(
      @QueryParam("role") String role,
      @QueryParam("candidateRef") String candidateRef,
      @QueryParam("page") @DefaultValue("0") @Min(0) int page,
      @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
    return interviews.list(caller.workspaceId(), role, candidateRef, owner(), page, size);
  }

  @GET
  @Path("comparison")
  @Operation(
      summary = "Several candidates for one role side by side",
      description =
          "ids: interview ids separated by commas (all of that role); without ids, the role's"
              + " newest interviews")
  public Comparison compare(@QueryParam("role") String role, @QueryParam("ids") String ids) {
    if (role == null || role.isBlank()) {
      throw ApiException.badField("role", "is required");
    }
    return interviews.compare(caller.workspaceId(), role, ids(ids), owner());
  }

  private static List<UUID> ids(String ids) {
    List<UUID> out = new ArrayList<>();
    if (ids == null || ids.isBlank()) {
      return out;
    }
    for (String part : ids.split(",")) {
      try {
        out.add(UUID.fromString(part.strip()));
      } catch (IllegalArgumentException e) {
        throw ApiException.badField("ids", "must be interview ids separated by commas");
      }
    }
    return out;
  }

  @GET
  @Path("{id}")
  @Operation(summary = "One interview")
  public Interview get(@PathParam("id") String id) {
    return interviews.get(caller.workspaceId(), PathIds.uuid("interview", id), owner());
  }

  @GET
  @Path("{id}/scorecard")
  @Operation(
      summary = "The interview's role scorecard",
      description =
          "Per-area and role-weighted overall scores (0-100) from the effective grades, each with"
              + " its interval and the grades and quotes behind it; areas not yet covered; trust")
  public Scorecard scorecard(@PathParam("id") String id) {
    return interviews.scorecard(caller.workspaceId(), PathIds.uuid("interview", id), owner());
  }

  @GET
  @Path("{id}/scorecard.html")
  @Produces(MediaType.TEXT_HTML)
  @Operation(summary = "The scorecard as a print-friendly HTML page")
  public String scorecardHtml(@PathParam("id") String id) {
    return page.render(scorecard(id));
  }
}
