package dev.assay.review;

import dev.assay.grading.GradingService;
import dev.assay.platform.PathIds;
import dev.assay.security.Caller;
import dev.assay.security.Roles;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Platforms create a signed, expiring link to a grade's feedback page for the candidate. */
@Path("/api/v1/grades")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Review")
@RunOnVirtualThread
class FeedbackLinkResource {
  private final FeedbackLinks links;
  private final GradingService grading;
  private final Caller caller;
  private final Duration defaultTtl;

  FeedbackLinkResource(
      FeedbackLinks links,
      GradingService grading,
      Caller caller,
      @ConfigProperty(name = "assay.feedback-links.ttl", defaultValue = "P14D")
          Duration defaultTtl) {
    this.links = links;
    this.grading = grading;
    this.caller = caller;
    this.defaultTtl = defaultTtl;
  }

  /** Optional: how many days the link lasts (default: {@code assay.feedback-links.ttl}). */
  record LinkRequest(@Min(1) @Max(90) Integer days) {}

  /** The link to hand to the candidate and when it stops working. */
  record FeedbackLink(URI url, Instant expiresAt) {}

  @POST
  @Path("{id}/feedback-links")
  @RolesAllowed({Roles.GRADER, Roles.REVIEWER, Roles.ADMIN})
  @Operation(
      summary = "A signed, expiring link to the grade's candidate feedback page (no key needed)",
      description =
          "The page shows only the leak-checked feedback of this grade; an altered or expired"
              + " link is refused")
  public Response create(
      @PathParam("id") String id, @Valid LinkRequest body, @Context UriInfo uri) {
    var grade =
        grading.get(
            caller.workspaceId(),
            PathIds.uuid("grade", id),
            caller.seesOnlyOwn() ? caller.keyId() : null);
    Duration ttl = body == null || body.days() == null ? defaultTtl : Duration.ofDays(body.days());
    Instant expires = Instant.now().plus(ttl).truncatedTo(ChronoUnit.SECONDS);
    URI url =
        uri.getBaseUriBuilder()
            .path("feedback")
            .path(links.token(caller.workspaceId(), grade.id(), expires))
            .build();
    return Response.status(201).entity(new FeedbackLink(url, expires)).build();
  }
}
