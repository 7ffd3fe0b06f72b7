package dev.assay.calibration;

import dev.assay.scoring.ScoringModelView;
import dev.assay.scoring.ScoringModels;
import dev.assay.security.Caller;
import dev.assay.security.Roles;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The workspace's learned scoring models: every version trained from its exemplars, the one its
 * offline grades use marked {@code active}. A newer version grades only after the promotion gate
 * admits it ({@code POST /api/v1/promotions} with {@code scorerModel}).
 */
@Path("/api/v1/scoring-models")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Calibration")
@RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
@RunOnVirtualThread
class ScoringModelResource {
  private final ScoringModels models;
  private final Caller caller;

  ScoringModelResource(ScoringModels models, Caller caller) {
    this.models = models;
    this.caller = caller;
  }

  @GET
  @Operation(
      summary = "Versions of the workspace's learned scoring model, newest first",
      description =
          "Each version with what it was trained on (rows, questions, the penalty chosen by"
              + " cross-validation, cross-validated Pearson and MAE); an empty list means the"
              + " workspace grades with the shipped model")
  public List<ScoringModelView> list() {
    return models.list(caller.workspaceId());
  }
}
