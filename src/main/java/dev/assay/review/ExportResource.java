package dev.assay.review;

import dev.assay.grading.GradeQuery;
import dev.assay.platform.ApiException;
import dev.assay.platform.QueryParams;
import dev.assay.security.Caller;
import dev.assay.security.Roles;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Exports for auditors: automated scores, overrides, reasons and provenance. */
@Path("/api/v1/exports/grades")
@Tag(name = "Review")
@RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
@RunOnVirtualThread
class ExportResource {
  private final ExportService exports;
  private final Caller caller;

  ExportResource(ExportService exports, Caller caller) {
    this.exports = exports;
    this.caller = caller;
  }

  @GET
  @Operation(summary = "Grades with reviews as CSV or JSON Lines, filtered by time and question")
  public Response export(
      @QueryParam("format") @DefaultValue("csv") String format,
      @QueryParam("questionId") String questionId,
      @QueryParam("from") String from,
      @QueryParam("to") String to) {
    boolean csv =
        switch (format) {
          case "csv" -> true;
          case "jsonl" -> false;
          default -> throw ApiException.badField("format", "must be csv or jsonl");
        };
    GradeQuery query =
        new GradeQuery(
            questionId,
            null,
            null,
            null,
            QueryParams.time("from", from),
            QueryParams.time("to", to),
            null);
    StringBuilder body = new StringBuilder();
    exports.export(caller.workspaceId(), query, csv, body::append);
    return Response.ok(body.toString(), csv ? "text/csv; charset=utf-8" : "application/x-ndjson")
        .header("Content-Disposition", "attachment; filename=\"grades." + format + "\"")
        .build();
  }
}
