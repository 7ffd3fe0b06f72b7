package dev.assay.review;

import dev.assay.platform.QueryParams;
import dev.assay.security.Caller;
import dev.assay.security.Roles;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Live agreement of automated grades with human reviews. */
@Path("/api/v1/agreement")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Review")
@RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
@RunOnVirtualThread
class AgreementResource {
  private final LiveAgreement agreement;
  private final Caller caller;

  AgreementResource(LiveAgreement agreement, Caller caller) {
    this.agreement = agreement;
    this.caller = caller;
  }

  @GET
  @Operation(
      summary = "Agreement of automated grades with human reviews, per question and overall",
      description =
          "Over grades made in [from, to) (default: the last 30 days). auditSample: reviewed grades"
              + " of the random audit sample, an unbiased estimate; allReviewed: every reviewed"
              + " grade, biased toward uncertain grades. Scores are shares of each grade's scale;"
              + " undefined figures are null.")
  public AgreementReport agreement(
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("questionId") String questionId) {
    return agreement.report(
        caller.workspaceId(),
        QueryParams.time("from", from),
        QueryParams.time("to", to),
        questionId);
  }
}
