package dev.assay.review;

import dev.assay.security.Caller;
import dev.assay.security.Roles;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Workspace settings (admins). */
@Path("/api/v1/settings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Access")
@RolesAllowed(Roles.ADMIN)
@RunOnVirtualThread
class SettingsResource {
  private final SettingsService settings;
  private final Caller caller;

  SettingsResource(SettingsService settings, Caller caller) {
    this.settings = settings;
    this.caller = caller;
  }

  @GET
  @Operation(summary = "This workspace's settings")
  public SettingsService.Settings get() {
    return settings.of(caller.workspaceId());
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Change this workspace's settings",
      description = "Settings left out of the body keep their value; at least one is required")
  public SettingsService.Settings put(@NotNull SettingsService.Change body) {
    return settings.change(caller.workspaceId(), body);
  }
}
