package dev.assay.fairness;

import dev.assay.platform.ApiException;
import dev.assay.platform.QueryParams;
import dev.assay.security.Caller;
import dev.assay.security.Roles;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The fairness report and the bias-audit summary (admins only: they read cohort data). */
@Path("/api/v1/fairness")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Fairness")
@RolesAllowed(Roles.ADMIN)
@RunOnVirtualThread
class FairnessResource {
  private final Fairness fairness;
  private final Caller caller;

  FairnessResource(Fairness fairness, Caller caller) {
    this.fairness = fairness;
    this.caller = caller;
  }

  @GET
  @Operation(
      summary =
          "Scores by cohort: distributions, SMD, four-fifths impact ratio, override rates,"
              + " agreement with reviewers; overall and per question",
      description =
          "attribute: the cohort attribute; basis: automated (default) or effective; passMark: a"
              + " share of the scale (default 0.5); minGroupSize: at least the configured one;"
              + " from/to: ISO-8601 (default the last 365 days); questionId; reference: the"
              + " reference group of the SMDs")
  public FairnessReport report(
      @QueryParam("attribute") String attribute,
      @QueryParam("basis") String basis,
      @QueryParam("passMark") Double passMark,
      @QueryParam("minGroupSize") Integer minGroupSize,
      @QueryParam("questionId") String questionId,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("reference") String reference) {
    if (attribute == null || attribute.isBlank()) {
      throw ApiException.badField("attribute", "is required (GET /api/v1/cohorts lists them)");
    }
    return fairness.report(
        caller.workspaceId(),
        attribute,
        query(basis, passMark, minGroupSize, questionId, from, to, reference));
  }

  @GET
  @Path("audit")
  @Produces({MediaType.APPLICATION_JSON, "text/csv"})
  @Operation(
      summary = "Bias-audit summary in the shape NYC Local Law 144 audits publish",
      description =
          "attributes: one or two cohort attributes separated by a comma (two adds their"
              + " intersection); format: json (default) or csv; other parameters as the report")
  public Response audit(
      @QueryParam("attributes") String attributes,
      @QueryParam("format") String format,
      @QueryParam("basis") String basis,
      @QueryParam("passMark") Double passMark,
      @QueryParam("minGroupSize") Integer minGroupSize,
      @QueryParam("questionId") String questionId,
      @QueryParam("from") String from,
      @QueryParam("to") String to) {
    if (format != null && !format.equals("json") && !format.equals("csv")) {
      throw ApiException.badField("format", "must be json or csv");
    }
    List<String> names =
        attributes == null
            ? List.of()
            : Arrays.stream(attributes.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    BiasAudit audit =
        fairness.audit(
            caller.workspaceId(),
            names,
            query(basis, passMark, minGroupSize, questionId, from, to, null));
    if ("csv".equals(format)) {
      return Response.ok(audit.csv(), "text/csv")
          .header("Content-Disposition", "attachment; filename=\"bias-audit.csv\"")
          .build();
    }
    return Response.ok(audit, MediaType.APPLICATION_JSON).build();
  }

  private static Fairness.Query query(
      String basis,
      Double passMark,
      Integer minGroupSize,
      String questionId,
      String from,
      String to,
      String reference) {
    return new Fairness.Query(
        Basis.parse(basis),
        passMark,
        minGroupSize,
        questionId,
        QueryParams.time("from", from),
        QueryParams.time("to", to),
        reference);
  }
}
