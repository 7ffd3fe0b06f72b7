package dev.assay.review;

import dev.assay.bank.CriterionSpec;
import dev.assay.bank.QuestionService;
import dev.assay.exemplar.ExemplarService;
import dev.assay.exemplar.ExemplarView;
import dev.assay.grading.GradeView;
import dev.assay.grading.GradingService;
import dev.assay.grading.Verdict;
import dev.assay.workspace.WorkspaceRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Feedback a candidate can act on: per criterion, strengths, gaps and next steps drawn from the
 * rubric's level descriptors and the candidate's own words, scored by the effective (reviewed)
 * scores. Before release every sentence passes a leak check against all exemplars of the question;
 * a sentence sharing an 8-word run with one is withheld.
 */
@ApplicationScoped
public class FeedbackService {
  private final GradingService grading;
  private final ReviewService reviews;
  private final ReviewRepository repository;
  private final QuestionService questions;
  private final ExemplarService exemplars;
  private final WorkspaceRepository workspaces;

  FeedbackService(
      GradingService grading,
      ReviewService reviews,
      ReviewRepository repository,
      QuestionService questions,
      ExemplarService exemplars,
      WorkspaceRepository workspaces) {
    this.grading = grading;
    this.reviews = reviews;
    this.repository = repository;
    this.questions = questions;
    this.exemplars = exemplars;
    this.workspaces = workspaces;
  }

  /** Feedback on one criterion; scores are null when the workspace hides them. */
  public record CriterionFeedback(
      String criterion,
      Double score,
      Integer maxScore,
      List<String> strengths,
      List<String> gaps,
      List<String> nextSteps) {}

  /** Feedback on a grade; {@code withheld} counts sentences the leak check removed. */
  public record Feedback(
      UUID gradeId,
      String questionId,
      Double overallPercent,
      List<CriterionFeedback> criteria,
      int withheld) {}

  public Feedback feedback(long workspaceId, UUID gradeId, UUID owner) {
    GradeView grade = grading.get(workspaceId, gradeId, owner);
    ReviewService.Scores effective = reviews.history(workspaceId, gradeId).effective();
    boolean showScores =
        QuarkusTransaction.requiringNew()
            .call(() -> workspaces.findById(workspaceId).feedbackShowsScores);
    long questionId = questions.resolve(workspaceId, grade.questionId()).id();
    LeakCheck leaks =
        new LeakCheck(
            exemplars.list(questionId, null, true).stream().map(ExemplarView::text).toList());
    int[] withheld = {0};
    List<CriterionFeedback> out = new ArrayList<>();
    double max = grade.overall().maxScore();
    for (CriterionSpec c : repository.criteria(gradeId)) {
      double score = effective.criteria().getOrDefault(c.key(), 0.0);
      double ratio = max == 0 ? 0 : score / max;
      List<String> strengths = new ArrayList<>();
      List<String> gaps = new ArrayList<>();
      List<String> next = new ArrayList<>();
      if (ratio >= 0.6) {
        strengths.add("You handled this well: " + lower(c.description()));
        quote(grade, c.key())
            .ifPresent(q -> strengths.add("For example, you wrote: \u201c" + q + "\u201d"));
      }
      if (ratio < 1) {
        gaps.add(
            "Where your answer stands now: "
                + (ratio < 0.4 ? c.levels().weak() : c.levels().acceptable()).strip());
        next.add("To strengthen it: " + c.levels().strong().strip());
      }
      out.add(
          new CriterionFeedback(
              c.key(),
              showScores ? score : null,
              showScores ? (int) max : null,
              released(strengths, leaks, withheld),
              released(gaps, leaks, withheld),
              released(next, leaks, withheld)));
    }
    Double percent = showScores ? Math.round(10000 * effective.overall() / max) / 100.0 : null;
    return new Feedback(gradeId, grade.questionId(), percent, out, withheld[0]);
  }

  private static java.util.Optional<String> quote(GradeView grade, String criterion) {
    return grade.criteria().stream()
        .filter(c -> c.criterion().equals(criterion))
        .flatMap(c -> c.citations().stream())
        .map(Verdict.Citation::quote)
        .findFirst();
  }

  private static List<String> released(List<String> sentences, LeakCheck leaks, int[] withheld) {
    List<String> out = new ArrayList<>();
    for (String s : sentences) {
      if (leaks.sharedRun(s).isPresent()) {
        withheld[0]++;
      } else {
        out.add(s);
      }
    }
    return out;
  }

  private static String lower(String s) {
    String t = s.strip();
    return t.isEmpty() ? t : Character.toLowerCase(t.charAt(0)) + t.substring(1);
  }

  /** The workspace setting: does feedback show scores? */
  public boolean showsScores(long workspaceId) {
    return QuarkusTransaction.requiringNew()
        .call(() -> workspaces.findById(workspaceId).feedbackShowsScores);
  }

  public void setShowsScores(long workspaceId, boolean show) {
    QuarkusTransaction.requiringNew()
        .run(() -> workspaces.findById(workspaceId).feedbackShowsScores = show);
  }

  Map<String, Boolean> settings(long workspaceId) {
    return Map.of("feedbackShowsScores", showsScores(workspaceId));
  }
}
