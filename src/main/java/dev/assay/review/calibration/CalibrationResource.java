package dev.assay.review.calibration;

import dev.assay.metrics.Metrics;
import dev.assay.platform.PathIds;
import dev.assay.platform.QueryParams;
import dev.assay.security.Caller;
import dev.assay.security.Role;
import dev.assay.security.Roles;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Reviewer calibration: sets of grades every reviewer scores blind, and the report on them. */
@Path("/api/v1/calibration-sets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reviewer calibration")
@RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
@RunOnVirtualThread
class CalibrationResource {
  private final CalibrationSets sets;
  private final CalibrationReports reports;
  private final Caller caller;

  CalibrationResource(CalibrationSets sets, CalibrationReports reports, Caller caller) {
    this.sets = sets;
    this.reports = reports;
    this.caller = caller;
  }

  /** Named grades, or a sample of recent grades (size, days back, question, seed). */
  record SetRequest(
      @NotBlank @Size(max = 200) String name,
      @Size(max = CalibrationSets.MAX_ITEMS) List<UUID> gradeIds,
      @Valid CalibrationSets.Sample sample) {}

  /** A reviewer's blind score on the item's scale (0 to its maximum). */
  record ScoreRequest(@NotNull Double score) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Create a calibration set",
      description =
          "From gradeIds (grades of the workspace) or a sample {size, days (30), questionId, seed}"
              + " drawn from recent grades. Every reviewer of the workspace then scores each item"
              + " blind.")
  public Response create(@NotNull @Valid SetRequest body) {
    return Response.status(201)
        .entity(
            sets.create(
                caller.workspaceId(), body.name(), body.gradeIds(), body.sample(), caller.keyId()))
        .build();
  }

  @GET
  @Operation(summary = "The workspace's calibration sets, with how many items you have scored")
  public List<CalibrationSets.SetView> list() {
    return sets.list(caller.workspaceId(), caller.keyId(), isAdmin());
  }

  @GET
  @Path("{id}")
  @Operation(summary = "A calibration set (its grade ids for admins only)")
  public CalibrationSets.SetView get(@PathParam("id") String id) {
    return sets.get(caller.workspaceId(), setId(id), caller.keyId(), isAdmin());
  }

  @GET
  @Path("{id}/queue")
  @Operation(
      summary = "Your blind queue: the items you have not scored",
      description = "Question and answer only: no grade id, no automated score, no other scores.")
  public List<CalibrationSets.ItemView> queue(@PathParam("id") String id) {
    return sets.queue(caller.workspaceId(), setId(id), caller.keyId());
  }

  @GET
  @Path("{id}/items/{itemId}")
  @Operation(
      summary = "One item",
      description =
          "Blind until you have scored it; then it reveals the automated score and the other"
              + " reviewers' scores.")
  public CalibrationSets.ItemView item(
      @PathParam("id") String id, @PathParam("itemId") String itemId) {
    return sets.item(
        caller.workspaceId(), setId(id), PathIds.uuid("calibration item", itemId), caller.keyId());
  }

  @POST
  @Path("{id}/items/{itemId}/scores")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Submit your blind score of an item (once; 409 if already scored)")
  public Response score(
      @PathParam("id") String id,
      @PathParam("itemId") String itemId,
      @NotNull @Valid ScoreRequest body) {
    return Response.status(201)
        .entity(
            sets.score(
                caller.workspaceId(),
                setId(id),
                PathIds.uuid("calibration item", itemId),
                body.score(),
                caller.keyId()))
        .build();
  }

  @GET
  @Path("{id}/report")
  @Operation(
      summary = "Calibration report: agreement, leniency and drift per reviewer",
      description =
          "Admins see every reviewer; a reviewer sees their own row. Agreement with the"
              + " leave-one-out consensus and with the automated grader (QWK, MAE), SMD against"
              + " the consensus, and the mean override change per week or month in [from, to)"
              + " (default the last 180 days); 95% bootstrap intervals with the metrics seed.")
  public CalibrationReports.Report report(
      @PathParam("id") String id,
      @QueryParam("period") String period,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("seed") Long seed) {
    return reports.report(
        caller.workspaceId(),
        setId(id),
        caller.keyId(),
        isAdmin(),
        CalibrationReports.options(
            QueryParams.wire("period", period, DriftPeriod.class),
            QueryParams.time("from", from),
            QueryParams.time("to", to),
            seed,
            Metrics.SEED));
  }

  private boolean isAdmin() {
    return caller.role() == Role.ADMIN;
  }

  private static UUID setId(String id) {
    return PathIds.uuid("calibration set", id);
  }
}
