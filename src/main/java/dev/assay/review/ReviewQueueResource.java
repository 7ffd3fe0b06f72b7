package dev.assay.review;

import dev.assay.platform.PathIds;
import dev.assay.security.Caller;
import dev.assay.security.Roles;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The review queue and its time-limited claims. */
@Path("/api/v1/review-queue")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Review")
@RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
@RunOnVirtualThread
class ReviewQueueResource {
  private final ReviewService reviews;
  private final Caller caller;

  ReviewQueueResource(ReviewService reviews, Caller caller) {
    this.reviews = reviews;
    this.caller = caller;
  }

  @GET
  @Operation(
      summary = "Grades that need a human",
      description =
          "Low confidence, flagged, fallback, sample disagreement, plus a random audit sample")
  public List<ReviewService.QueueItem> queue(
      @QueryParam("page") @DefaultValue("0") @Min(0) int page,
      @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
    return reviews.queue(caller.workspaceId(), page, size);
  }

  @POST
  @Path("{id}/claim")
  @Operation(
      summary = "Reserve a queue item for a limited time (409 while another reviewer holds it)")
  public ReviewService.Claim claim(@PathParam("id") String id) {
    return reviews.claim(caller.workspaceId(), PathIds.uuid("grade", id), caller.keyId());
  }

  @POST
  @Path("{id}/release")
  @Operation(summary = "Give a claim back")
  public Response release(@PathParam("id") String id) {
    reviews.release(caller.workspaceId(), PathIds.uuid("grade", id), caller.keyId());
    return Response.noContent().build();
  }
}
