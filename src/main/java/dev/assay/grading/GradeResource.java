package dev.assay.grading;

import dev.assay.platform.ApiException;
import dev.assay.platform.PathIds;
import dev.assay.platform.Problem;
import dev.assay.platform.QueryParams;
import dev.assay.security.Caller;
import dev.assay.security.Roles;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Grading: create grades and read the grade log. */
@Path("/api/v1/grades")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Grades", description = "Grade answers and read the grade log")
@RolesAllowed({Roles.GRADER, Roles.REVIEWER, Roles.ADMIN})
@RunOnVirtualThread
class GradeResource {
  static final String REPLAYED = "Idempotent-Replayed";

  private final GradingService grading;
  private final Caller caller;
  private final GradeAdmission admission;

  GradeResource(GradingService grading, Caller caller, GradeAdmission admission) {
    this.grading = grading;
    this.caller = caller;
    this.admission = admission;
  }

  /** Grader keys see only the grades they logged. */
  private UUID owner() {
    return caller.seesOnlyOwn() ? caller.keyId() : null;
  }

  @RolesAllowed({Roles.GRADER, Roles.ADMIN})
  @POST
  @Operation(
      summary = "Grade an answer",
      description =
          "201 with the logged grade. With an Idempotency-Key header (scoped to the workspace, kept"
              + " for assay.idempotency.retention) the request is graded once: a retry with the same"
              + " body, or a concurrent request with the key, gets the first response again (same"
              + " status and body, with Idempotent-Replayed: true); the same key with a different"
              + " body is 422.")
  @APIResponse(
      responseCode = "201",
      description = "Graded and logged (or an idempotent replay of that response)",
      headers = @Header(name = REPLAYED, description = "true on a replay"),
      content = @Content(schema = @Schema(implementation = GradeView.class)))
  @APIResponse(
      responseCode = "409",
      description =
          "The Idempotency-Key belongs to another API key, or its first request is still being"
              + " graded (Retry-After)",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "422",
      description = "The Idempotency-Key was first used with a different request body",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "503",
      description =
          "The database is unreachable, or this instance already has"
              + " assay.concurrency.max-grades-in-flight grades in flight (code overloaded);"
              + " nothing was logged (Retry-After)",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Response grade(
      @HeaderParam("Idempotency-Key") @Size(min = 1, max = 200) String idempotencyKey,
      @NotNull @Valid GradeRequest body) {
    GradingService.Accepted accepted;
    try (GradeAdmission.Slot slot = admission.enter()) {
      accepted = grading.grade(caller.workspaceId(), body, idempotencyKey, caller.keyId());
    }
    Response.ResponseBuilder response =
        Response.status(accepted.status())
            .location(URI.create("/api/v1/grades/" + accepted.grade().id()))
            .entity(accepted.body() == null ? accepted.grade() : accepted.body());
    if (!accepted.created()) {
      response.header(REPLAYED, "true");
    }
    return response.build();
  }

  @GET
  @Path("{id}")
  @Operation(summary = "One grade with its provenance")
  @APIResponse(
      responseCode = "503",
      description = "The database is unreachable (Retry-After)",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public GradeView get(@PathParam("id") String id) {
    return grading.get(caller.workspaceId(), PathIds.uuid("grade", id), owner());
  }

  @GET
  @Operation(summary = "The grade log, newest first, filtered and paged")
  public GradingService.Page list(
      @QueryParam("questionId") String questionId,
      @QueryParam("candidateRef") String candidateRef,
      @QueryParam("mode") String mode,
      @QueryParam("flag") String flag,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("stale") Boolean stale,
      @QueryParam("page") @DefaultValue("0") @Min(0) int page,
      @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
    if (flag != null && !ManipulationFlags.KNOWN.contains(flag)) {
      throw ApiException.badField(
          "flag", "must be one of " + String.join(", ", ManipulationFlags.KNOWN));
    }
    GradeQuery query =
        new GradeQuery(
            questionId,
            candidateRef,
            QueryParams.wire("mode", mode, GradingMode.class),
            flag,
            QueryParams.time("from", from),
            QueryParams.time("to", to),
            stale);
    return grading.list(caller.workspaceId(), query, owner(), page, size);
  }
}
