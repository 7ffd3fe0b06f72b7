package dev.assay.security;

import dev.assay.platform.ApiException;
import dev.assay.platform.PathIds;
import dev.assay.platform.Slugs;
import dev.assay.workspace.WorkspaceRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** API keys of the caller's workspace, and new workspaces (admins of the default workspace). */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Access", description = "API keys and workspaces")
@RolesAllowed(Roles.ADMIN)
@RunOnVirtualThread
class KeyResource {
  private final ApiKeyService keys;
  private final Caller caller;
  private final WorkspaceRepository workspaces;

  KeyResource(ApiKeyService keys, Caller caller, WorkspaceRepository workspaces) {
    this.keys = keys;
    this.caller = caller;
    this.workspaces = workspaces;
  }

  record NewKey(@NotBlank @Size(max = 100) String name, @NotNull Role role) {}

  @POST
  @Path("keys")
  @Operation(summary = "Issue a key for this workspace; the key is in this response only")
  public Response issue(@NotNull @Valid NewKey body) {
    ApiKeyService.IssuedKey key =
        keys.issue(caller.workspaceId(), body.name(), body.role(), caller.keyId());
    return Response.created(URI.create("/api/v1/keys/" + key.id())).entity(key).build();
  }

  @GET
  @Path("keys")
  @Operation(summary = "Keys of this workspace (prefixes only, never the keys)")
  public List<ApiKeyService.KeyView> list() {
    return keys.list(caller.workspaceId());
  }

  @DELETE
  @Path("keys/{id}")
  @Operation(summary = "Revoke a key of this workspace")
  public Response revoke(@PathParam("id") String id) {
    keys.revoke(caller.workspaceId(), PathIds.uuid("key", id));
    return Response.noContent().build();
  }

  record NewWorkspace(
      @NotBlank @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String slug,
      @NotBlank @Size(max = 200) String name) {}

  /** A new workspace and its first admin key. */
  record CreatedWorkspace(String slug, String name, ApiKeyService.IssuedKey adminKey) {}

  @POST
  @Path("workspaces")
  @Operation(
      summary =
          "Create a workspace with its first admin key (admins of the default workspace only)")
  public Response createWorkspace(@NotNull @Valid NewWorkspace body) {
    long defaultId = QuarkusTransaction.requiringNew().call(() -> workspaces.defaultWorkspace().id);
    if (caller.workspaceId() != defaultId) {
      throw new ApiException(
          403,
          "forbidden",
          "Forbidden",
          "only admins of the default workspace create workspaces",
          List.of());
    }
    boolean taken =
        QuarkusTransaction.requiringNew()
            .call(() -> workspaces.find("slug", body.slug()).count() > 0);
    if (taken) {
      throw ApiException.conflict(
          "workspace-exists", "workspace '" + body.slug() + "' already exists");
    }
    long id =
        QuarkusTransaction.requiringNew()
            .call(() -> workspaces.create(body.slug(), body.name()).id);
    ApiKeyService.IssuedKey admin =
        keys.issue(id, "first admin of " + body.slug(), Role.ADMIN, caller.keyId());
    return Response.created(URI.create("/api/v1/workspaces/" + body.slug()))
        .entity(new CreatedWorkspace(body.slug(), body.name(), admin))
        .build();
  }
}
