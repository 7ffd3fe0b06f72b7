package dev.assay.bank;

import dev.assay.exemplar.ExemplarService;
import dev.assay.exemplar.ExemplarView;
import dev.assay.platform.ApiException;
import dev.assay.security.Caller;
import dev.assay.security.Roles;
import dev.assay.web.Pages;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The question bank in the web app: questions by area, one question with its rubric versions and
 * exemplars, a readable diff between two rubric versions, and the exemplars promoted from reviews
 * that wait for the evaluation gate. Read-only; reviewers and admins, as the bank API allows.
 */
@Path("/app/bank")
@RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
@RunOnVirtualThread
@TemplateData(target = BankViews.QuestionSummary.class)
@TemplateData(target = BankViews.QuestionDetail.class)
@TemplateData(target = BankViews.RubricView.class)
@TemplateData(target = BankViews.CriterionView.class)
@TemplateData(target = BankViews.ExemplarCounts.class)
@TemplateData(target = CriterionSpec.Levels.class)
@TemplateData(target = ExemplarView.class)
@TemplateData(target = dev.assay.exemplar.Label.class)
class BankPages {
  private static final int PAGE = 200;

  private final Template bank;
  private final Template question;
  private final Template diff;
  private final Template pending;
  private final QuestionService questions;
  private final ExemplarService exemplars;
  private final Caller caller;
  private final Pages pages;

  BankPages(
      @Location("app/bank.html") Template bank,
      @Location("app/bank-question.html") Template question,
      @Location("app/bank-diff.html") Template diff,
      @Location("app/bank-pending.html") Template pending,
      QuestionService questions,
      ExemplarService exemplars,
      Caller caller,
      Pages pages) {
    this.bank = bank;
    this.question = question;
    this.diff = diff;
    this.pending = pending;
    this.questions = questions;
    this.exemplars = exemplars;
    this.caller = caller;
    this.pages = pages;
  }

  /** An area and its questions, as the bank page lists them. */
  @TemplateData
  record AreaGroup(BankViews.AreaView area, List<BankViews.QuestionSummary> questions) {}

  /** A pending exemplar with the question it belongs to. */
  @TemplateData
  record PendingExemplar(String questionId, String questionTitle, ExemplarView exemplar) {}

  @GET
  @Operation(hidden = true)
  public Response overview() {
    long ws = caller.workspaceId();
    List<AreaGroup> groups = new ArrayList<>();
    List<BankViews.QuestionSummary> all = all(ws);
    for (BankViews.AreaView area : questions.areas(ws)) {
      groups.add(
          new AreaGroup(area, all.stream().filter(q -> q.area().equals(area.key())).toList()));
    }
    return pages.page(
        bank.data("nav", "bank")
            .data("groups", groups)
            .data("total", all.size())
            .data("pending", exemplars.pendingIds(ws).size()));
  }

  @GET
  @Path("questions/{id}")
  @Operation(hidden = true)
  public Response question(@PathParam("id") String id) {
    long ws = caller.workspaceId();
    BankViews.QuestionDetail detail = questions.get(ws, id);
    List<BankViews.RubricView> versions = questions.rubricVersions(ws, id);
    List<ExemplarView> shots = questions.exemplars(ws, id, null, true);
    return pages.page(
        question
            .data("nav", "bank")
            .data("q", detail)
            .data("versions", versions.reversed())
            .data("exemplars", shots)
            .data("latest", versions.getLast().version())
            .data(
                "previous", versions.size() > 1 ? versions.get(versions.size() - 2).version() : 0));
  }

  @GET
  @Path("questions/{id}/diff")
  @Operation(hidden = true)
  public Response diff(
      @PathParam("id") String id, @QueryParam("from") String from, @QueryParam("to") String to) {
    long ws = caller.workspaceId();
    BankViews.QuestionDetail detail = questions.get(ws, id);
    List<BankViews.RubricView> versions = questions.rubricVersions(ws, id);
    BankViews.RubricView a = version(versions, "from", from);
    BankViews.RubricView b = version(versions, "to", to);
    return pages.page(
        diff.data("nav", "bank")
            .data("q", detail)
            .data("versions", versions.reversed())
            .data("d", RubricDiff.between(a, b)));
  }

  @GET
  @Path("pending")
  @Operation(hidden = true)
  public Response pending() {
    long ws = caller.workspaceId();
    List<PendingExemplar> out = new ArrayList<>();
    // One exemplar list per question: banks hold tens of questions, and this page is rare.
    for (BankViews.QuestionSummary q : all(ws)) {
      for (ExemplarView e : questions.exemplars(ws, q.id(), null, true)) {
        if ("pending".equals(e.status())) {
          out.add(new PendingExemplar(q.id(), q.title(), e));
        }
      }
    }
    return pages.page(pending.data("nav", "bank").data("items", out));
  }

  private List<BankViews.QuestionSummary> all(long ws) {
    List<BankViews.QuestionSummary> out = new ArrayList<>();
    for (int page = 0; ; page++) {
      List<BankViews.QuestionSummary> items = questions.list(ws, null, null, page, PAGE).items();
      out.addAll(items);
      if (items.size() < PAGE) {
        return out;
      }
    }
  }

  private static BankViews.RubricView version(
      List<BankViews.RubricView> versions, String field, String value) {
    try {
      int n = Integer.parseInt(value == null ? "" : value.strip());
      return versions.stream()
          .filter(v -> v.version() == n)
          .findFirst()
          .orElseThrow(() -> ApiException.notFound("rubric version", value));
    } catch (NumberFormatException e) {
      throw ApiException.badField(field, "must be a rubric version number");
    }
  }
}
