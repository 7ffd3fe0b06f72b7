package dev.assay.evaluation;

import dev.assay.security.Caller;
import dev.assay.security.Roles;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The scored answers a candidate grader configuration is gated on. */
@Path("/api/v1/gate-set")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Evaluation")
@RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
@RunOnVirtualThread
class GateSetResource {
  private final GateSets gateSets;
  private final Caller caller;

  GateSetResource(GateSets gateSets, Caller caller) {
    this.gateSets = gateSets;
    this.caller = caller;
  }

  /** The gate set's size per question; the rows themselves only when asked for. */
  record GateSetView(
      String name,
      int rows,
      Map<String, Integer> rowsPerQuestion,
      OffsetDateTime updatedAt,
      List<EvalRow> items) {
    static GateSetView of(GateSets.GateSet g, boolean withRows) {
      Map<String, Integer> perQuestion = new TreeMap<>();
      g.rows().forEach(r -> perQuestion.merge(r.questionId(), 1, Integer::sum));
      return new GateSetView(
          g.name(), g.rows().size(), perQuestion, g.updatedAt(), withRows ? g.rows() : null);
    }
  }

  record Replace(
      @NotBlank @Size(max = 200) String name,
      @NotNull @Size(min = 1, max = 20000) List<EvalRow> rows) {}

  @GET
  @Operation(summary = "The workspace's gate set (409 when it has none)")
  public GateSetView get(@QueryParam("rows") @DefaultValue("false") boolean withRows) {
    return GateSetView.of(gateSets.require(caller.workspaceId()), withRows);
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Replace the gate set",
      description = "Eval-set rows whose question_id is a question id of this workspace")
  public GateSetView replace(@Valid @NotNull Replace body) {
    return GateSetView.of(
        gateSets.replace(caller.workspaceId(), body.name(), body.rows(), caller.keyId()), false);
  }
}
