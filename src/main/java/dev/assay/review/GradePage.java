package dev.assay.review;

import dev.assay.platform.ApiException;
import dev.assay.platform.PathIds;
import dev.assay.platform.Problem;
import dev.assay.security.ApiKeyService;
import dev.assay.security.Caller;
import dev.assay.security.Roles;
import dev.assay.web.Pages;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The grade page: the evidence behind an automated grade and the reviewer's override or
 * confirmation. Forms post back here and redirect to the page (post/redirect/get); a refused
 * override re-renders the page with the reasons next to the form.
 */
@Path("/app/grades/{id}")
@RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
@RunOnVirtualThread
class GradePage {
  static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

  private final Template page;
  private final GradeDetails details;
  private final ReviewService reviews;
  private final ApiKeyService keys;
  private final Caller caller;
  private final Pages pages;

  GradePage(
      @Location("app/grade.html") Template page,
      GradeDetails details,
      ReviewService reviews,
      ApiKeyService keys,
      Caller caller,
      Pages pages) {
    this.page = page;
    this.details = details;
    this.reviews = reviews;
    this.keys = keys;
    this.caller = caller;
    this.pages = pages;
  }

  /** A history event in words: who did what, when, why, and the score it left. */
  @TemplateData
  record HistoryRow(String what, String who, String when, String reason, Double overall) {}

  /** An override reason code as the form's select offers it. */
  @TemplateData
  record ReasonOption(String code, String label) {}

  @GET
  @Operation(hidden = true)
  public Response show(@PathParam("id") String id, @QueryParam("saved") String saved) {
    String notice =
        switch (saved == null ? "" : saved) {
          case "override" -> "Override saved. The effective score is now the reviewer's.";
          case "confirmation" -> "Confirmation saved.";
          default -> null;
        };
    return render(PathIds.uuid("grade", id), null, notice, 200);
  }

  @POST
  @Path("override")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(hidden = true)
  public Response override(@PathParam("id") String id, MultivaluedMap<String, String> form) {
    return submit(
        id,
        form,
        "override",
        gradeId ->
            reviews.override(
                caller.workspaceId(),
                gradeId,
                criterionScores(form),
                number(form.getFirst("overall")),
                form.getFirst("reasonCode"),
                blankToNull(form.getFirst("reason")),
                caller.keyId()));
  }

  @POST
  @Path("confirm")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(hidden = true)
  public Response confirm(@PathParam("id") String id, MultivaluedMap<String, String> form) {
    return submit(
        id,
        form,
        "confirmation",
        gradeId ->
            reviews.confirm(
                caller.workspaceId(),
                gradeId,
                blankToNull(form.getFirst("reason")),
                caller.keyId()));
  }

  /**
   * Checks the form's CSRF token and runs {@code action} on the grade; then redirects to the page
   * (post/redirect/get), or re-renders it with the reasons when the action is refused.
   */
  private Response submit(
      String id, MultivaluedMap<String, String> form, String saved, Consumer<UUID> action) {
    pages.requireCsrf(form.getFirst("_csrf"));
    UUID gradeId = PathIds.uuid("grade", id);
    try {
      action.accept(gradeId);
    } catch (ApiException e) {
      return render(gradeId, e, null, e.status());
    } catch (NumberFormatException e) {
      return render(gradeId, ApiException.badField("scores", "must be numbers"), null, 400);
    }
    return Pages.redirect("/app/grades/" + gradeId + "?saved=" + saved + "#history");
  }

  private Response render(UUID gradeId, ApiException problem, String notice, int status) {
    GradeDetails.Detail d = details.of(caller.workspaceId(), gradeId);
    return Response.fromResponse(
            pages.page(
                page.data("nav", "queue")
                    .data("d", d)
                    .data("facts", ProvenanceFacts.of(d.provenance()))
                    .data("latency", ProvenanceFacts.latency(d.provenance()))
                    .data("history", history(d.history()))
                    .data("reasonCodes", reasonCodes())
                    .data("notice", notice)
                    .data("problem", problem == null ? null : problem.getMessage())
                    .data(
                        "fieldErrors",
                        problem == null ? List.<Problem.FieldError>of() : problem.fieldErrors())))
        .status(status)
        .build();
  }

  private List<HistoryRow> history(ReviewService.History history) {
    Map<UUID, String> names =
        keys.list(caller.workspaceId()).stream()
            .collect(Collectors.toMap(ApiKeyService.KeyView::id, ApiKeyService.KeyView::name));
    return history.events().stream()
        .map(
            e ->
                new HistoryRow(
                    words(e.kind()),
                    e.actorKey() == null
                        ? "Assay"
                        : names.getOrDefault(e.actorKey(), "key " + e.actorKey()),
                    e.at() == null ? "" : WHEN.format(e.at().withOffsetSameInstant(ZoneOffset.UTC)),
                    (e.reasonCode() == null ? "" : e.reasonCode().wire() + ": ")
                        + (e.reason() == null ? "" : e.reason()),
                    e.overallScore()))
        .toList();
  }

  private static String words(EventKind kind) {
    return switch (kind) {
      case GRADED -> "Graded automatically";
      case CLAIMED -> "Claimed for review";
      case RELEASED -> "Released";
      case CONFIRMED -> "Confirmed by a reviewer";
      case OVERRIDDEN -> "Overridden by a reviewer";
      case REGRADED -> "Graded again under a newer rubric";
    };
  }

  static List<ReasonOption> reasonCodes() {
    return Arrays.stream(ReasonCode.values())
        .map(c -> new ReasonOption(c.wire(), label(c)))
        .toList();
  }

  private static String label(ReasonCode code) {
    return switch (code) {
      case INJECTION -> "The answer tried to manipulate the grader";
      case MISREAD_ANSWER -> "The grader misread the answer";
      case OTHER -> "Other (explain below)";
      case RUBRIC_GAP -> "The rubric does not cover this answer";
      case TOO_HARSH -> "Scored too harshly";
      case TOO_LENIENT -> "Scored too leniently";
    };
  }

  /** The form's {@code score.<criterion>} fields that were filled in. */
  private static Map<String, Double> criterionScores(MultivaluedMap<String, String> form) {
    return form.keySet().stream()
        .filter(k -> k.startsWith("score."))
        .filter(k -> number(form.getFirst(k)) != null)
        .collect(
            Collectors.toMap(
                k -> k.substring("score.".length()),
                k -> number(form.getFirst(k)),
                (a, b) -> a,
                LinkedHashMap::new));
  }

  private static Double number(String s) {
    return s == null || s.isBlank() ? null : Double.valueOf(s.strip());
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
