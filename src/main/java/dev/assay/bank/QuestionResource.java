package dev.assay.bank;

import dev.assay.exemplar.ExemplarMatch;
import dev.assay.exemplar.ExemplarService;
import dev.assay.exemplar.ExemplarSpec;
import dev.assay.exemplar.ExemplarView;
import dev.assay.exemplar.Label;
import dev.assay.platform.ApiException;
import dev.assay.security.Caller;
import dev.assay.security.Roles;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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

/** The question bank: questions, rubric versions, exemplars and the retrieval view. */
@Path("/api/v1/questions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Questions", description = "Questions, rubric versions and exemplars")
@RolesAllowed(Roles.ADMIN)
@RunOnVirtualThread
class QuestionResource {
  private final QuestionService questions;
  private final Caller caller;

  QuestionResource(QuestionService questions, Caller caller) {
    this.questions = questions;
    this.caller = caller;
  }

  @RolesAllowed({Roles.GRADER, Roles.REVIEWER, Roles.ADMIN})
  @GET
  @Operation(summary = "List questions, optionally by area or tag")
  public BankViews.Page<BankViews.QuestionSummary> list(
      @QueryParam("area") String area,
      @QueryParam("tag") String tag,
      @QueryParam("page") @DefaultValue("0") @Min(0) int page,
      @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
    return questions.list(caller.workspaceId(), area, tag, page, size);
  }

  @POST
  @Operation(summary = "Create a question with its first rubric version and optional exemplars")
  public Response create(@NotNull @Valid QuestionSpec body) {
    BankViews.QuestionDetail created = questions.create(caller.workspaceId(), body);
    return Response.created(URI.create("/api/v1/questions/" + created.id()))
        .entity(created)
        .build();
  }

  @RolesAllowed({Roles.GRADER, Roles.REVIEWER, Roles.ADMIN})
  @GET
  @Path("{id}")
  @Operation(summary = "A question with its active rubric")
  public BankViews.QuestionDetail get(@PathParam("id") String id) {
    return questions.get(caller.workspaceId(), id);
  }

  @RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
  @GET
  @Path("{id}/rubric-versions")
  @Operation(summary = "Every rubric version of a question, oldest first")
  public List<BankViews.RubricView> rubricVersions(@PathParam("id") String id) {
    return questions.rubricVersions(caller.workspaceId(), id);
  }

  @POST
  @Path("{id}/rubric-versions")
  @Operation(
      summary = "Add a rubric version",
      description =
          "201 with the new version; 200 with the active one when the body is identical to it")
  public Response addRubricVersion(@PathParam("id") String id, @NotNull @Valid RubricSpec body) {
    QuestionService.RubricCreation result =
        questions.addRubricVersion(caller.workspaceId(), id, body);
    if (!result.created()) {
      return Response.ok(result.rubric()).build();
    }
    return Response.created(URI.create("/api/v1/questions/" + id + "/rubric-versions"))
        .entity(result.rubric())
        .build();
  }

  @RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
  @GET
  @Path("{id}/exemplars")
  @Operation(summary = "Exemplars of a question (active ones unless includeInactive)")
  public List<ExemplarView> exemplars(
      @PathParam("id") String id,
      @QueryParam("label") String label,
      @QueryParam("includeInactive") @DefaultValue("false") boolean includeInactive) {
    return questions.exemplars(caller.workspaceId(), id, parseLabel(label), includeInactive);
  }

  @POST
  @Path("{id}/exemplars")
  @Operation(summary = "Add an exemplar (embedded on arrival)")
  public Response addExemplar(@PathParam("id") String id, @NotNull @Valid ExemplarSpec body) {
    ExemplarView created = questions.addExemplar(caller.workspaceId(), id, body);
    return Response.created(URI.create("/api/v1/questions/" + id + "/exemplars/" + created.id()))
        .entity(created)
        .build();
  }

  @DELETE
  @Path("{id}/exemplars/{exemplarId}")
  @Operation(summary = "Deactivate an exemplar (it is kept for audit, never deleted)")
  public Response deactivateExemplar(
      @PathParam("id") String id, @PathParam("exemplarId") String exemplarId) {
    questions.deactivateExemplar(caller.workspaceId(), id, exemplarId);
    return Response.noContent().build();
  }

  /** A retrieval request: the candidate's answer and how many exemplars of each label. */
  record RetrieveRequest(@NotBlank @Size(max = 20000) String answer, @Min(1) @Max(20) Integer k) {}

  /** The exemplars the grader would see for an answer, nearest first within each label. */
  record RetrieveResponse(
      String questionId,
      String embeddingModel,
      int answerChunks,
      int k,
      List<ExemplarMatch> strong,
      List<ExemplarMatch> acceptable,
      List<ExemplarMatch> weak) {}

  @RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
  @POST
  @Path("{id}/retrieve")
  @Operation(summary = "The nearest strong, acceptable and weak exemplars to an answer")
  public RetrieveResponse retrieve(
      @PathParam("id") String id, @NotNull @Valid RetrieveRequest body) {
    int k = body.k() == null ? 3 : body.k();
    ExemplarService.Retrieval r = questions.retrieve(caller.workspaceId(), id, body.answer(), k);
    return new RetrieveResponse(
        id,
        r.embeddingModel(),
        r.query().chunks(),
        k,
        r.of(Label.STRONG),
        r.of(Label.ACCEPTABLE),
        r.of(Label.WEAK));
  }

  private static Label parseLabel(String label) {
    if (label == null) {
      return null;
    }
    try {
      return Label.fromWire(label);
    } catch (IllegalArgumentException e) {
      throw ApiException.badField("label", e.getMessage());
    }
  }
}
