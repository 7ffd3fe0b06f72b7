package dev.assay.calibration;

import dev.assay.platform.PathIds;
import dev.assay.security.Caller;
import dev.assay.security.Roles;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Promotion requests: a candidate configuration and/or pending exemplars through the gate. */
@Path("/api/v1/promotions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Calibration")
@RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
@RunOnVirtualThread
class PromotionResource {
  private final Promotions promotions;
  private final Caller caller;

  PromotionResource(Promotions promotions, Caller caller) {
    this.promotions = promotions;
    this.caller = caller;
  }

  /**
   * {@code config}: NAME or NAME@VERSION (default: the active one, i.e. only exemplars change);
   * {@code includePendingExemplars}: default true when no config is named, else false; {@code
   * scorerModel}: instead, a version of the workspace's scoring model to gate (GET
   * /api/v1/scoring-models lists them).
   */
  record PromotionRequest(
      @Size(max = 120) String config,
      Boolean includePendingExemplars,
      @Min(1) Integer scorerModel) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Gate a candidate configuration and/or the pending exemplars (202)",
      description =
          "Both the active and the candidate configuration grade the gate set; the candidate"
              + " becomes active only if it is not worse beyond the configured QWK and SMD margins")
  public Response request(@Valid PromotionRequest body) {
    PromotionRepository.PromotionView view =
        body != null && body.scorerModel() != null
            ? promotions.requestModel(caller.workspaceId(), body, caller.keyId())
            : promotions.request(
                caller.workspaceId(),
                body == null ? null : body.config(),
                body == null ? null : body.includePendingExemplars(),
                caller.keyId());
    return Response.accepted(view).location(URI.create("/api/v1/promotions/" + view.id())).build();
  }

  @GET
  @Operation(summary = "Promotion requests and decisions, newest first")
  public List<PromotionRepository.PromotionView> list(
      @QueryParam("page") @DefaultValue("0") @Min(0) int page,
      @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
    return promotions.list(caller.workspaceId(), page, size);
  }

  @GET
  @Path("{id}")
  @Operation(summary = "A promotion: evaluating, promoted, refused (with reasons) or failed")
  public PromotionRepository.PromotionView get(@PathParam("id") String id) {
    return promotions.get(caller.workspaceId(), PathIds.uuid("promotion", id));
  }
}
