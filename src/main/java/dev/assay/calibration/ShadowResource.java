package dev.assay.calibration;

import dev.assay.grading.GraderConfig;
import dev.assay.grading.GraderConfigs;
import dev.assay.platform.ApiException;
import dev.assay.platform.QueryParams;
import dev.assay.security.Caller;
import dev.assay.security.Roles;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Objects;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Shadow grading: a candidate configuration grades live traffic too; its grades are stored apart
 * and never returned by any grade endpoint, and its report compares it with the active
 * configuration and with reviewers.
 */
@Path("/api/v1/shadow")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Calibration")
@RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
@RunOnVirtualThread
class ShadowResource {
  private final GraderConfigs configs;
  private final ShadowReports reports;
  private final Caller caller;

  ShadowResource(GraderConfigs configs, ShadowReports reports, Caller caller) {
    this.configs = configs;
    this.reports = reports;
    this.caller = caller;
  }

  record ShadowRequest(@NotBlank @Size(max = 120) String config) {}

  record ShadowState(String config, String active) {}

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Start shadow grading with a saved configuration (NAME or NAME@VERSION)")
  public ShadowState start(@Valid @NotNull ShadowRequest body) {
    long ws = caller.workspaceId();
    GraderConfig shadow = configs.find(ws, body.config());
    GraderConfig active = configs.active(ws);
    if (shadow.deploymentDefault()) {
      throw ApiException.unprocessable(
          "not-a-stored-configuration", "shadow grading needs a saved configuration");
    }
    if (Objects.equals(shadow.id(), active.id())) {
      throw ApiException.unprocessable(
          "shadow-is-active", shadow.ref() + " already grades live traffic");
    }
    configs.check(shadow.spec());
    configs.shadowWith(ws, shadow.id());
    return new ShadowState(shadow.ref(), active.ref());
  }

  @DELETE
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Stop shadow grading (its stored grades stay for the report)")
  public Response stop() {
    configs.shadowWith(caller.workspaceId(), null);
    return Response.noContent().build();
  }

  @GET
  @Path("report")
  @Operation(
      summary = "A shadow configuration's agreement with the active one and with reviewers",
      description = "Default: the current shadow configuration, the last 30 days")
  public ShadowReports.Report report(
      @QueryParam("config") String config,
      @QueryParam("from") String from,
      @QueryParam("to") String to) {
    return reports.report(
        caller.workspaceId(), config, QueryParams.time("from", from), QueryParams.time("to", to));
  }
}
