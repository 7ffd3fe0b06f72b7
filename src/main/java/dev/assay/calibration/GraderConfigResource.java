package dev.assay.calibration;

import dev.assay.grading.GraderConfig;
import dev.assay.grading.GraderConfigs;
import dev.assay.grading.GraderSpec;
import dev.assay.platform.Slugs;
import dev.assay.security.Caller;
import dev.assay.security.Roles;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Named, versioned grader configurations of the workspace. Saving one never changes how grades are
 * made: a configuration grades live traffic only after the promotion gate admits it.
 */
@Path("/api/v1/grader-configs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Calibration")
@RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
@RunOnVirtualThread
class GraderConfigResource {
  private final GraderConfigs configs;
  private final Caller caller;

  GraderConfigResource(GraderConfigs configs, Caller caller) {
    this.configs = configs;
    this.caller = caller;
  }

  /** A configuration and its role in the workspace. */
  record ConfigView(
      String ref,
      String name,
      int version,
      GraderSpec spec,
      String specHash,
      String description,
      boolean active,
      boolean shadow,
      java.time.OffsetDateTime createdAt) {
    static ConfigView of(GraderConfig c, GraderConfig active, Optional<GraderConfig> shadow) {
      return new ConfigView(
          c.ref(),
          c.name(),
          c.version(),
          c.spec(),
          c.specHash(),
          c.description(),
          c.ref().equals(active.ref()),
          shadow.map(s -> s.ref().equals(c.ref())).orElse(false),
          c.createdAt());
    }
  }

  /** A configuration to save; unset fields take the service's defaults for the mode. */
  record SaveRequest(
      @NotBlank @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String name,
      @Size(max = 500) String description,
      @NotNull @Valid GraderSpec spec) {}

  @GET
  @Operation(
      summary = "Every configuration version, plus the deployment default",
      description = "active: grades live traffic; shadow: grades it again, never returned")
  public List<ConfigView> list() {
    long ws = caller.workspaceId();
    GraderConfig active = configs.active(ws);
    Optional<GraderConfig> shadow = configs.shadow(ws);
    List<ConfigView> out = new ArrayList<>();
    out.add(ConfigView.of(configs.deploymentDefault(), active, shadow));
    configs.list(ws).forEach(c -> out.add(ConfigView.of(c, active, shadow)));
    return out;
  }

  @GET
  @Path("{ref}")
  @Operation(summary = "A configuration by NAME (latest version) or NAME@VERSION")
  public ConfigView get(@PathParam("ref") String ref) {
    long ws = caller.workspaceId();
    return ConfigView.of(configs.find(ws, ref), configs.active(ws), configs.shadow(ws));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Save a configuration as the next version of its name",
      description = "201 for a new version; 200 when the latest version is already this one")
  public Response save(@Valid @NotNull SaveRequest body) {
    long ws = caller.workspaceId();
    GraderConfigs.Saved saved =
        configs.save(ws, body.name(), body.spec(), body.description(), caller.keyId());
    ConfigView view = ConfigView.of(saved.config(), configs.active(ws), configs.shadow(ws));
    return saved.created()
        ? Response.created(URI.create("/api/v1/grader-configs/" + view.ref())).entity(view).build()
        : Response.ok(view).build();
  }
}
