package dev.assay.bank;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.exemplar.Reembedder;
import dev.assay.platform.ApiException;
import dev.assay.security.Caller;
import dev.assay.security.Roles;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Bank administration, areas and role profiles. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Bank", description = "Import, re-embedding, areas and role profiles")
@RolesAllowed(Roles.ADMIN)
@RunOnVirtualThread
class BankResource {
  private final QuestionService questions;
  private final Reembedder reembedder;
  private final Caller caller;
  private final ObjectMapper json;

  BankResource(QuestionService questions, Reembedder reembedder, Caller caller, ObjectMapper json) {
    this.questions = questions;
    this.reembedder = reembedder;
    this.caller = caller;
    this.json = json;
  }

  @POST
  @Path("bank/import")
  @Consumes({MediaType.APPLICATION_JSON, "application/yaml", "application/x-yaml", "text/yaml"})
  @Operation(
      summary = "Import a bank document (JSON or YAML, see docs/bank-format.md)",
      description = "Idempotent: upsert by id; a changed rubric becomes a new version")
  public BankViews.ImportReport importBank(
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body) throws IOException {
    BankDocument doc =
        contentType != null && contentType.contains("json")
            ? json.readValue(body, BankDocument.class)
            : BankFiles.parse(body);
    if (doc == null) {
      throw ApiException.badField("body", "must be a bank document");
    }
    return questions.importDocument(caller.workspaceId(), doc);
  }

  @POST
  @Path("bank/reembed")
  @Operation(summary = "Re-embed every exemplar whose vector was made by another model")
  public Reembedder.Report reembed() {
    return reembedder.reembedStale();
  }

  @RolesAllowed({Roles.GRADER, Roles.REVIEWER, Roles.ADMIN})
  @GET
  @Path("areas")
  @Operation(summary = "The interview areas")
  public List<BankViews.AreaView> areas() {
    return questions.areas(caller.workspaceId());
  }

  @RolesAllowed({Roles.GRADER, Roles.REVIEWER, Roles.ADMIN})
  @GET
  @Path("roles")
  @Operation(summary = "Role profiles: how much each area counts for each role")
  public List<BankViews.RoleView> roles() {
    return questions.roles(caller.workspaceId());
  }
}
