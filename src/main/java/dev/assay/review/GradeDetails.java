package dev.assay.review;

import dev.assay.bank.CriterionSpec;
import dev.assay.bank.QuestionService;
import dev.assay.exemplar.ExemplarService;
import dev.assay.exemplar.ExemplarView;
import dev.assay.exemplar.Label;
import dev.assay.grading.GradeView;
import dev.assay.grading.GradingMode;
import dev.assay.grading.GradingService;
import dev.assay.grading.Provenance;
import dev.assay.grading.Verdict;
import dev.assay.platform.Problem;
import io.quarkus.qute.TemplateData;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everything the grade page shows, read through the grading, review, bank and exemplar services:
 * the answer with its cited quotes, per criterion the score, matched level and rationale, the
 * retrieved exemplars with their similarity, the reasons for review, the provenance and the
 * history.
 */
@TemplateData(target = GradeView.class)
@TemplateData(target = GradeView.Overall.class)
@TemplateData(target = GradingMode.class)
@TemplateData(target = QuestionService.QuestionRef.class)
@TemplateData(target = ReviewService.History.class)
@TemplateData(target = ReviewService.Scores.class)
@TemplateData(target = Problem.FieldError.class)
@ApplicationScoped
class GradeDetails {
  private final GradingService grading;
  private final ReviewService reviews;
  private final QuestionService questions;
  private final ExemplarService exemplars;

  GradeDetails(
      GradingService grading,
      ReviewService reviews,
      QuestionService questions,
      ExemplarService exemplars) {
    this.grading = grading;
    this.reviews = reviews;
    this.questions = questions;
    this.exemplars = exemplars;
  }

  /** One criterion as the page shows it (index: its highlight colour and anchor). */
  @TemplateData
  record CriterionRow(
      int index,
      String key,
      String description,
      double weight,
      double automated,
      double effective,
      int max,
      String level,
      String descriptor,
      String rationale,
      List<String> quotes) {
    /** The criterion's number as the page shows it (from 1). */
    public int number() {
      return index + 1;
    }

    public boolean changed() {
      return Math.abs(automated - effective) > 1e-9;
    }
  }

  /** A retrieved exemplar with the similarity it was retrieved at. */
  @TemplateData
  record ExemplarRow(String id, String label, double score, double similarity, String text) {}

  @TemplateData
  record Detail(
      GradeView grade,
      QuestionService.QuestionRef question,
      List<Highlights.Segment> answer,
      List<CriterionRow> criteria,
      List<ExemplarRow> strong,
      List<ExemplarRow> weak,
      Provenance provenance,
      ReviewService.History history) {
    public boolean overridden() {
      return "override".equals(history.effective().source());
    }
  }

  Detail of(long workspaceId, UUID gradeId) {
    GradeView grade = grading.get(workspaceId, gradeId, null);
    ReviewService.History history = reviews.history(workspaceId, gradeId);
    QuestionService.QuestionRef question = questions.resolve(workspaceId, grade.questionId());
    List<CriterionRow> criteria = criteria(grade, history, reviews.criteria(gradeId));
    List<Highlights.Cited> cited = new ArrayList<>();
    for (CriterionRow c : criteria) {
      c.quotes().forEach(q -> cited.add(new Highlights.Cited(c.index(), c.key(), q)));
    }
    List<ExemplarRow> retrieved = retrieved(question.id(), grade.provenance());
    return new Detail(
        grade,
        question,
        Highlights.of(grade.answer(), cited),
        criteria,
        retrieved.stream().filter(e -> !e.label().equals(Label.WEAK.wire())).toList(),
        retrieved.stream().filter(e -> e.label().equals(Label.WEAK.wire())).toList(),
        grade.provenance(),
        history);
  }

  private static List<CriterionRow> criteria(
      GradeView grade, ReviewService.History history, List<CriterionSpec> specs) {
    Map<String, Verdict.CriterionGrade> byKey =
        grade.criteria().stream()
            .collect(
                Collectors.toMap(
                    Verdict.CriterionGrade::criterion,
                    Function.identity(),
                    (a, b) -> a,
                    LinkedHashMap::new));
    List<CriterionRow> out = new ArrayList<>();
    int max = (int) grade.overall().maxScore();
    for (CriterionSpec spec : specs) {
      Verdict.CriterionGrade g = byKey.get(spec.key());
      double automated = g == null ? 0 : g.score();
      Label level = Label.forShare(max == 0 ? 0 : automated / max);
      out.add(
          new CriterionRow(
              out.size(),
              spec.key(),
              spec.description(),
              spec.weight(),
              automated,
              history.effective().criteria().getOrDefault(spec.key(), automated),
              max,
              level.wire(),
              descriptor(spec.levels(), level),
              g == null ? "" : g.rationale(),
              g == null || g.citations() == null
                  ? List.of()
                  : g.citations().stream()
                      .map(Verdict.Citation::quote)
                      .filter(q -> q != null && !q.isBlank())
                      .toList()));
    }
    return out;
  }

  private static String descriptor(CriterionSpec.Levels levels, Label level) {
    return switch (level) {
      case STRONG -> levels.strong();
      case ACCEPTABLE -> levels.acceptable();
      case WEAK -> levels.weak();
    };
  }

  /** The exemplars the grade was made with, in retrieval order, with their text. */
  private List<ExemplarRow> retrieved(long questionId, Provenance provenance) {
    Map<String, ExemplarView> texts =
        exemplars.list(questionId, null, true).stream()
            .collect(Collectors.toMap(ExemplarView::id, e -> e, (a, b) -> a));
    List<ExemplarRow> out = new ArrayList<>();
    for (Provenance.ExemplarShown e :
        provenance.exemplars() == null
            ? List.<Provenance.ExemplarShown>of()
            : provenance.exemplars()) {
      ExemplarView view = texts.get(e.id());
      out.add(
          new ExemplarRow(
              e.id(),
              e.label(),
              e.score(),
              e.similarity(),
              view == null ? "(this exemplar is no longer in the bank)" : view.text()));
    }
    return out;
  }
}
