package dev.assay.review;

import dev.assay.bank.QuestionService;
import dev.assay.web.Pages;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The candidate's feedback page, opened by a signed link without a key. It shows the leak-checked
 * feedback of the one grade the link names (scores only where the workspace allows) and nothing
 * else: no exemplar, no rubric descriptor, no other grade.
 */
@Path("/feedback/{token}")
@PermitAll
@RunOnVirtualThread
@TemplateData(target = FeedbackService.Feedback.class)
@TemplateData(target = FeedbackService.CriterionFeedback.class)
class FeedbackPage {
  private final Template page;
  private final Template refused;
  private final FeedbackLinks links;
  private final FeedbackService feedback;
  private final QuestionService questions;

  FeedbackPage(
      @Location("feedback/page.html") Template page,
      @Location("feedback/refused.html") Template refused,
      FeedbackLinks links,
      FeedbackService feedback,
      QuestionService questions) {
    this.page = page;
    this.refused = refused;
    this.links = links;
    this.feedback = feedback;
    this.questions = questions;
  }

  @GET
  @Operation(hidden = true)
  public Response show(@PathParam("token") String token) {
    FeedbackLinks.Checked checked = links.check(token, Instant.now());
    if (checked.target().isEmpty()) {
      boolean expired = checked.refusal() == FeedbackLinks.Refusal.EXPIRED;
      return Pages.html(expired ? 410 : 404, refused.data("expired", expired));
    }
    FeedbackLinks.Target target = checked.target().get();
    FeedbackService.Feedback f = feedback.feedback(target.workspaceId(), target.gradeId(), null);
    String title = questions.resolve(target.workspaceId(), f.questionId()).title();
    return Pages.html(
        200,
        page.data("f", f)
            .data("title", title)
            .data(
                "expiresAt",
                GradePage.WHEN.format(target.expiresAt().atOffset(java.time.ZoneOffset.UTC))));
  }
}
