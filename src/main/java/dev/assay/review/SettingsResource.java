package dev.assay.review;

import dev.assay.security.Allowed;
import dev.assay.security.Caller;
import dev.assay.security.Role;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Workspace settings (admins). */
@Path("/api/v1/settings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Access")
@Allowed(Role.ADMIN)
@RunOnVirtualThread
class SettingsResource {
  private final FeedbackService feedback;
  private final Caller caller;

  SettingsResource(FeedbackService feedback, Caller caller) {
    this.feedback = feedback;
    this.caller = caller;
  }

  record Settings(@NotNull Boolean feedbackShowsScores) {}

  @GET
  @Operation(summary = "This workspace's settings")
  public Map<String, Boolean> get() {
    return feedback.settings(caller.workspaceId());
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Change this workspace's settings")
  public Map<String, Boolean> put(@NotNull @Valid Settings body) {
    feedback.setShowsScores(caller.workspaceId(), body.feedbackShowsScores());
    return feedback.settings(caller.workspaceId());
  }
}
