package dev.assay.review;

import dev.assay.bank.CriterionSpec;
import dev.assay.bank.QuestionService;
import dev.assay.exemplar.ExemplarService;
import dev.assay.exemplar.ExemplarView;
import dev.assay.grading.GradeView;
import dev.assay.grading.GradingService;
import dev.assay.grading.Verdict;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Feedback a candidate can act on, per criterion: strengths (only where the effective score is well
 * above the acceptable level and the grader cited the candidate's own words as evidence for that
 * criterion), where the answer stands, and next steps from the criterion's hint (see {@link
 * FeedbackSentences}). Before release every sentence passes a leak check against all exemplars of
 * the question and, unless the workspace lets feedback quote them, the rubric's level descriptors;
 * a sentence sharing an 8-word run with one is withheld.
 */
@ApplicationScoped
public class FeedbackService {
  private final GradingService grading;
  private final ReviewService reviews;
  private final QuestionService questions;
  private final ExemplarService exemplars;
  private final SettingsService settings;

  FeedbackService(
      GradingService grading,
      ReviewService reviews,
      QuestionService questions,
      ExemplarService exemplars,
      SettingsService settings) {
    this.grading = grading;
    this.reviews = reviews;
    this.questions = questions;
    this.exemplars = exemplars;
    this.settings = settings;
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
    SettingsService.Settings shown = settings.of(workspaceId);
    List<CriterionSpec> criteria = reviews.criteria(gradeId);
    LeakCheck leaks = leakCheck(workspaceId, grade.questionId(), criteria, shown);
    Map<String, List<Verdict.Citation>> citations = citationsByCriterion(grade);
    int[] withheld = {0};
    List<CriterionFeedback> out = new ArrayList<>();
    double max = grade.overall().maxScore();
    for (CriterionSpec c : criteria) {
      double score = effective.criteria().getOrDefault(c.key(), 0.0);
      FeedbackSentences.Sentences s =
          FeedbackSentences.write(
              c,
              score,
              (int) max,
              citations.getOrDefault(c.key(), List.of()),
              shown.feedbackQuotesDescriptors());
      out.add(
          new CriterionFeedback(
              c.key(),
              shown.feedbackShowsScores() ? score : null,
              shown.feedbackShowsScores() ? (int) max : null,
              released(s.strengths(), leaks, withheld),
              released(s.gaps(), leaks, withheld),
              released(s.nextSteps(), leaks, withheld)));
    }
    Double percent =
        shown.feedbackShowsScores() ? Math.round(10000 * effective.overall() / max) / 100.0 : null;
    return new Feedback(gradeId, grade.questionId(), percent, out, withheld[0]);
  }

  /**
   * The question's exemplars, and its level descriptors unless the workspace lets feedback quote
   * them: a candidate's quote that happens to echo the answer key is withheld too.
   */
  private LeakCheck leakCheck(
      long workspaceId,
      String questionSlug,
      List<CriterionSpec> criteria,
      SettingsService.Settings shown) {
    long questionId = questions.resolve(workspaceId, questionSlug).id();
    List<String> references =
        new ArrayList<>(
            exemplars.list(questionId, null, true).stream().map(ExemplarView::text).toList());
    if (!shown.feedbackQuotesDescriptors()) {
      for (CriterionSpec c : criteria) {
        references.addAll(List.of(c.levels().strong(), c.levels().acceptable(), c.levels().weak()));
      }
    }
    return new LeakCheck(references);
  }

  private static Map<String, List<Verdict.Citation>> citationsByCriterion(GradeView grade) {
    Map<String, List<Verdict.Citation>> out = new HashMap<>();
    for (Verdict.CriterionGrade c : grade.criteria()) {
      out.computeIfAbsent(c.criterion(), k -> new ArrayList<>())
          .addAll(c.citations() == null ? List.of() : c.citations());
    }
    return out;
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
}
