package dev.assay.review;

import dev.assay.grading.GradeView;
import dev.assay.grading.GradingService;
import dev.assay.platform.ApiException;
import dev.assay.platform.PathIds;
import dev.assay.security.Caller;
import dev.assay.security.Roles;
import dev.assay.web.Pages;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The review queue page: what needs a human and why, filtered by question, reason and age, with
 * claim and release. Filters apply to the queue's first {@value #WINDOW} items (oldest first),
 * which is more than a reviewer works through in a sitting.
 */
@Path("/app/queue")
@RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
@RunOnVirtualThread
class QueuePage {
  static final int WINDOW = 200;

  private final Template page;
  private final ReviewService reviews;
  private final GradingService grading;
  private final Caller caller;
  private final Pages pages;

  QueuePage(
      @Location("app/queue.html") Template page,
      ReviewService reviews,
      GradingService grading,
      Caller caller,
      Pages pages) {
    this.page = page;
    this.reviews = reviews;
    this.grading = grading;
    this.caller = caller;
    this.pages = pages;
  }

  /** How long an item has waited, as the age filter offers it. */
  enum Age {
    ANY(0, Long.MAX_VALUE),
    UNDER_DAY(0, 24),
    OVER_DAY(24, Long.MAX_VALUE),
    OVER_WEEK(24 * 7, Long.MAX_VALUE);

    final long minHours;
    final long maxHours;

    Age(long minHours, long maxHours) {
      this.minHours = minHours;
      this.maxHours = maxHours;
    }

    static Age of(String wire) {
      for (Age a : values()) {
        if (dev.assay.platform.WireNames.of(a).equals(wire)) {
          return a;
        }
      }
      return ANY;
    }

    boolean admits(OffsetDateTime gradedAt) {
      long hours = java.time.Duration.between(gradedAt, OffsetDateTime.now()).toHours();
      return hours >= minHours && hours < maxHours;
    }
  }

  /** A queue item as the page lists it, with its reasons in plain words. */
  @TemplateData
  record Row(
      UUID gradeId,
      String questionId,
      double confidence,
      List<String> codes,
      List<String> why,
      boolean mine,
      boolean heldByOther,
      OffsetDateTime gradedAt) {}

  @TemplateData
  record Filters(String question, String reason, String age, List<String> questions) {}

  @GET
  @Operation(hidden = true)
  public Response show(
      @QueryParam("question") String question,
      @QueryParam("reason") String reason,
      @QueryParam("age") String age,
      @QueryParam("notice") String notice) {
    List<ReviewService.QueueItem> items = reviews.queue(caller.workspaceId(), 0, WINDOW);
    Age window = Age.of(age);
    List<Row> rows =
        items.stream()
            .filter(i -> blank(question) || i.questionId().equals(question))
            .filter(i -> blank(reason) || i.reasons().contains(reason))
            .filter(i -> window.admits(i.gradedAt()))
            .map(this::row)
            .toList();
    List<String> questions =
        items.stream().map(ReviewService.QueueItem::questionId).distinct().sorted().toList();
    return pages.page(
        page.data("nav", "queue")
            .data("rows", rows)
            .data("total", items.size())
            .data(
                "filters",
                new Filters(question, reason, dev.assay.platform.WireNames.of(window), questions))
            .data("notice", noticeText(notice)));
  }

  @POST
  @Path("{id}/claim")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(hidden = true)
  public Response claim(@PathParam("id") String id, @FormParam("_csrf") String csrf) {
    pages.requireCsrf(csrf);
    UUID gradeId = PathIds.uuid("grade", id);
    try {
      reviews.claim(caller.workspaceId(), gradeId, caller.keyId());
    } catch (ApiException e) {
      return Pages.redirect("/app/queue?notice=held");
    }
    return Pages.redirect("/app/grades/" + gradeId);
  }

  @POST
  @Path("{id}/release")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(hidden = true)
  public Response release(@PathParam("id") String id, @FormParam("_csrf") String csrf) {
    pages.requireCsrf(csrf);
    try {
      reviews.release(caller.workspaceId(), PathIds.uuid("grade", id), caller.keyId());
    } catch (ApiException e) {
      return Pages.redirect("/app/queue?notice=held");
    }
    return Pages.redirect("/app/queue?notice=released");
  }

  private Row row(ReviewService.QueueItem item) {
    GradeView grade = grading.get(caller.workspaceId(), item.gradeId(), null);
    List<String> why = new java.util.ArrayList<>(grade.reviewReasons());
    if (item.reasons().contains("audit-sample")) {
      why.add(
          "Picked at random for the audit sample, which measures how often people agree with the grader.");
    }
    boolean held =
        item.claimedBy() != null
            && item.claimExpiresAt() != null
            && item.claimExpiresAt().isAfter(OffsetDateTime.now());
    boolean mine = held && Objects.equals(item.claimedBy(), caller.keyId());
    return new Row(
        item.gradeId(),
        item.questionId(),
        item.confidence(),
        item.reasons(),
        why,
        mine,
        held && !mine,
        item.gradedAt());
  }

  private static String noticeText(String notice) {
    return switch (notice == null ? "" : notice) {
      case "held" -> "Another reviewer is working on that grade. Pick another one.";
      case "released" -> "Released: the grade is back in the queue for anyone.";
      default -> null;
    };
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
