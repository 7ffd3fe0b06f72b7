package dev.assay.review;

import dev.assay.exemplar.ExemplarView;
import dev.assay.exemplar.Label;
import dev.assay.platform.PathIds;
import dev.assay.security.Caller;
import dev.assay.security.Roles;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Reviewers: overrides, confirmations and the history of a grade (next to the grade log). */
@Path("/api/v1/grades")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Review", description = "Human overrides, confirmations, history and the review queue")
@RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
@RunOnVirtualThread
class ReviewResource {
  private final ReviewService reviews;
  private final ExemplarPromotion promotion;
  private final FeedbackService feedback;
  private final Caller caller;

  ReviewResource(
      ReviewService reviews, ExemplarPromotion promotion, FeedbackService feedback, Caller caller) {
    this.reviews = reviews;
    this.promotion = promotion;
    this.feedback = feedback;
    this.caller = caller;
  }

  @GET
  @Path("{id}/feedback")
  @RolesAllowed({Roles.GRADER, Roles.REVIEWER, Roles.ADMIN})
  @Operation(
      summary = "Feedback for the candidate",
      description =
          "Strengths, gaps and next steps per criterion; never exemplar text (leak-checked)")
  public FeedbackService.Feedback feedback(@PathParam("id") String id) {
    return feedback.feedback(
        caller.workspaceId(),
        PathIds.uuid("grade", id),
        caller.seesOnlyOwn() ? caller.keyId() : null);
  }

  /** A reviewer's correction: per-criterion scores and/or an overall score, with a reason. */
  record OverrideRequest(
      Map<String, Double> criteria,
      Double overall,
      @NotBlank String reasonCode,
      @Size(max = 2000) String reason) {}

  record ConfirmRequest(@Size(max = 2000) String reason) {}

  /** Optional label and rationale for a promoted exemplar (defaults come from the override). */
  record PromotionRequest(Label label, @Size(max = 500) String rationale) {}

  @POST
  @Path("{id}/promotions")
  @Operation(
      summary =
          "Promote an overridden answer to a pending exemplar (activated only by the evaluation gate)")
  public Response promote(@PathParam("id") String id, @Valid PromotionRequest body) {
    ExemplarView exemplar =
        promotion.promote(
            caller.workspaceId(),
            PathIds.uuid("grade", id),
            body == null ? null : body.label(),
            body == null ? null : body.rationale());
    return Response.status(201).entity(exemplar).build();
  }

  @POST
  @Path("{id}/overrides")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Override a grade (append-only; the automated grade is kept)")
  public Response override(@PathParam("id") String id, @NotNull @Valid OverrideRequest body) {
    ReviewService.History history =
        reviews.override(
            caller.workspaceId(),
            PathIds.uuid("grade", id),
            body.criteria(),
            body.overall(),
            body.reasonCode(),
            body.reason(),
            caller.keyId());
    return Response.status(201).entity(history).build();
  }

  @POST
  @Path("{id}/confirmations")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Confirm the automated grade")
  public Response confirm(@PathParam("id") String id, @Valid ConfirmRequest body) {
    String reason = body == null ? null : body.reason();
    return Response.status(201)
        .entity(
            reviews.confirm(
                caller.workspaceId(), PathIds.uuid("grade", id), reason, caller.keyId()))
        .build();
  }

  @GET
  @Path("{id}/history")
  @Operation(summary = "Every event of a grade with who and when, and the effective score")
  public ReviewService.History history(@PathParam("id") String id) {
    return reviews.history(caller.workspaceId(), PathIds.uuid("grade", id));
  }
}
