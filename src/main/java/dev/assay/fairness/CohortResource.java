package dev.assay.fairness;

import dev.assay.security.Caller;
import dev.assay.security.Roles;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Self-reported cohort attributes of candidates, for fairness audits only. A platform (grader key)
 * may attach and delete them but never read them back; only admins read them. No grade, review,
 * interview or feedback response carries them, and the grader never sees them.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Fairness", description = "Cohort data kept apart, fairness report, bias audit")
@RolesAllowed(Roles.ADMIN)
@RunOnVirtualThread
class CohortResource {
  private final Cohorts cohorts;
  private final Caller caller;

  CohortResource(Cohorts cohorts, Caller caller) {
    this.cohorts = cohorts;
    this.caller = caller;
  }

  @PUT
  @Path("candidates/{candidateRef}/cohort")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.GRADER, Roles.ADMIN})
  @Operation(
      summary = "Attach a candidate's self-reported cohort attributes (replaces earlier ones)",
      description = "204; the attributes are not echoed back. Used only for fairness audits.")
  public void replace(
      @PathParam("candidateRef") String candidateRef, @NotNull @Valid CohortRequest body) {
    cohorts.replace(caller.workspaceId(), candidateRef, body, caller.keyId());
  }

  @GET
  @Path("candidates/{candidateRef}/cohort")
  @Operation(summary = "A candidate's cohort attributes (admins only)")
  public Cohorts.CandidateCohort get(@PathParam("candidateRef") String candidateRef) {
    return cohorts.get(caller.workspaceId(), candidateRef);
  }

  @DELETE
  @Path("candidates/{candidateRef}/cohort")
  @RolesAllowed({Roles.GRADER, Roles.ADMIN})
  @Operation(summary = "Delete every cohort attribute of a candidate (204, also when none)")
  public void delete(@PathParam("candidateRef") String candidateRef) {
    cohorts.delete(caller.workspaceId(), candidateRef);
  }

  @GET
  @Path("cohorts")
  @Operation(summary = "Attributes and values reported in this workspace, with candidate counts")
  public List<Cohorts.AttributeSummary> summary() {
    return cohorts.summary(caller.workspaceId());
  }
}
