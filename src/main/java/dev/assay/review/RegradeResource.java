package dev.assay.review;

import dev.assay.security.Caller;
import dev.assay.security.Roles;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Re-grade plans for grades made under an older rubric version (admins). */
@Path("/api/v1/regrade-plans")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Review")
@RolesAllowed(Roles.ADMIN)
@RunOnVirtualThread
class RegradeResource {
  private final RegradeService regrades;
  private final Caller caller;

  RegradeResource(RegradeService regrades, Caller caller) {
    this.regrades = regrades;
    this.caller = caller;
  }

  /** Which stale grades (all, or one question's) and whether to execute or only estimate. */
  record PlanRequest(@Size(max = 100) String questionId, Boolean execute) {}

  @POST
  @Operation(
      summary = "Plan (dry run) or execute the re-grading of stale grades",
      description =
          "200 with counts and estimated LLM tokens; with execute=true, 201 and the new grades")
  public Response plan(@Valid PlanRequest body) {
    boolean execute = body != null && Boolean.TRUE.equals(body.execute());
    String question = body == null ? null : body.questionId();
    RegradeService.Plan plan =
        regrades.plan(caller.workspaceId(), question, execute, caller.keyId());
    return Response.status(execute ? 201 : 200).entity(plan).build();
  }
}
