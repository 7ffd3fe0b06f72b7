package dev.assay.interview;

import dev.assay.bank.QuestionService;
import dev.assay.bank.RoleProfiles;
import dev.assay.grading.GradeQuery;
import dev.assay.grading.GradeView;
import dev.assay.grading.GradingService;
import dev.assay.metrics.Metrics;
import dev.assay.review.EventKind;
import dev.assay.review.ReviewService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds a scorecard from the grades of an interview's candidate: the newest grade per question (to
 * the planned questions, when there is a plan), its effective score from the review history,
 * grouped by the question's area and combined with the role's weights ({@link ScorecardMath}).
 */
@ApplicationScoped
class Scorecards {
  private static final int PAGE = 200;
  static final String INTERVAL_METHOD =
      "normal interval from a measurement model: each answer = standing in the area + question"
          + " effect (questionSd) + scoring error (graderSd, or reviewerSd once a person reviewed"
          + " it); areas are means of their answers, the overall a role-weighted mean of areas";

  private final GradingService grading;
  private final ReviewService reviews;
  private final QuestionService questions;
  private final RoleProfiles roles;
  private final ScorecardTrust trust;
  private final InterviewConfig config;

  Scorecards(
      GradingService grading,
      ReviewService reviews,
      QuestionService questions,
      RoleProfiles roles,
      ScorecardTrust trust,
      InterviewConfig config) {
    this.grading = grading;
    this.reviews = reviews;
    this.questions = questions;
    this.roles = roles;
    this.trust = trust;
    this.config = config;
  }

  /** One counted answer: its grade, question, review history and error model. */
  record Counted(
      GradeView grade,
      QuestionService.QuestionRef question,
      ReviewService.History history,
      boolean reviewed) {

    double automatedShare() {
      return share(grade.overall().score());
    }

    double effectiveShare() {
      return share(history.effective().overall());
    }

    private double share(double score) {
      double max = grade.overall().maxScore();
      return max == 0 ? 0 : score / max;
    }
  }

  /** The grades of the candidate that count, and the ones that do not, by reason. */
  record Selection(List<GradeView> current, List<UUID> superseded, List<UUID> outsidePlan) {}

  Scorecard build(long workspaceId, Interview interview, UUID owner) {
    Selection selection = select(workspaceId, interview, owner);
    Map<String, QuestionService.QuestionRef> refs = new HashMap<>();
    List<Counted> counted = new ArrayList<>();
    for (GradeView g : selection.current()) {
      QuestionService.QuestionRef q =
          refs.computeIfAbsent(g.questionId(), slug -> questions.resolve(workspaceId, slug));
      ReviewService.History history = reviews.history(workspaceId, g.id());
      boolean reviewed =
          history.events().stream()
              .anyMatch(e -> e.kind() == EventKind.CONFIRMED || e.kind() == EventKind.OVERRIDDEN);
      counted.add(new Counted(g, q, history, reviewed));
    }
    List<ScorecardMath.Answer> answers =
        counted.stream()
            .map(
                c ->
                    new ScorecardMath.Answer(
                        c.question().area(),
                        c.effectiveShare(),
                        c.reviewed() ? config.reviewerSd() : config.graderSd()))
            .toList();
    ScorecardMath.Result result =
        ScorecardMath.combine(interview.role().areaWeights(), answers, config.questionSd());
    Map<String, String> titles = roles.areaTitles(workspaceId);
    List<String> unansweredPlan =
        interview.plannedQuestions().stream()
            .filter(p -> counted.stream().noneMatch(c -> c.grade().questionId().equals(p)))
            .toList();
    List<Scorecard.AreaScore> areas = areas(interview, result, counted, titles);
    List<Scorecard.Gap> gaps = gaps(workspaceId, interview, result, titles, unansweredPlan);
    Scorecard.Overall overall = overall(result);
    Scorecard.Trust trust = this.trust.of(workspaceId, interview, result, counted, gaps);
    return new Scorecard(
        interview.id(),
        interview.candidateRef(),
        interview.role(),
        overall,
        areas,
        gaps,
        unansweredPlan,
        trust,
        selection.superseded(),
        selection.outsidePlan(),
        new Scorecard.Method(
            INTERVAL_METHOD, config.questionSd(), config.graderSd(), config.reviewerSd()),
        OffsetDateTime.now());
  }

  /** The newest grade per question; with a plan, only the planned questions count. */
  Selection select(long workspaceId, Interview interview, UUID owner) {
    GradeQuery query = new GradeQuery(null, interview.candidateRef(), null, null, null, null, null);
    Map<String, GradeView> newest = new LinkedHashMap<>();
    List<UUID> superseded = new ArrayList<>();
    for (int page = 0; ; page++) {
      List<GradeView> items = grading.list(workspaceId, query, owner, page, PAGE).items();
      for (GradeView g : items) {
        if (newest.putIfAbsent(g.questionId(), g) != null) {
          superseded.add(g.id());
        }
      }
      if (items.size() < PAGE) {
        break;
      }
    }
    List<GradeView> current = new ArrayList<>();
    List<UUID> outside = new ArrayList<>();
    for (GradeView g : newest.values()) {
      if (interview.plannedQuestions().isEmpty()
          || interview.plannedQuestions().contains(g.questionId())) {
        current.add(g);
      } else {
        outside.add(g.id());
      }
    }
    return new Selection(current, superseded, outside);
  }

  private static List<Scorecard.AreaScore> areas(
      Interview interview,
      ScorecardMath.Result result,
      List<Counted> counted,
      Map<String, String> titles) {
    List<Scorecard.AreaScore> out = new ArrayList<>();
    Map<String, Double> weights = interview.role().areaWeights();
    List<String> order = new ArrayList<>(weights.keySet());
    order.sort((a, b) -> Double.compare(weights.get(b), weights.get(a)));
    result.areas().keySet().stream().filter(a -> !order.contains(a)).forEach(order::add);
    for (String area : order) {
      double weight = weights.getOrDefault(area, 0.0);
      ScorecardMath.Area scored = result.areas().get(area);
      if (scored == null) {
        if (weight > 0) {
          out.add(
              new Scorecard.AreaScore(
                  area,
                  titles.getOrDefault(area, area),
                  weight,
                  "not-covered",
                  null,
                  null,
                  0,
                  List.of()));
        }
        continue;
      }
      List<Scorecard.Evidence> evidence =
          counted.stream()
              .filter(c -> c.question().area().equals(area))
              .map(ScorecardEvidence::of)
              .toList();
      out.add(
          new Scorecard.AreaScore(
              area,
              titles.getOrDefault(area, area),
              weight,
              weight > 0 ? "scored" : "not-weighted",
              percent(scored.mean()),
              range(scored.interval()),
              scored.answers(),
              evidence));
    }
    return out;
  }

  private List<Scorecard.Gap> gaps(
      long workspaceId,
      Interview interview,
      ScorecardMath.Result result,
      Map<String, String> titles,
      List<String> unansweredPlan) {
    Map<String, List<String>> plannedByArea = new HashMap<>();
    for (String slug : unansweredPlan) {
      plannedByArea
          .computeIfAbsent(questions.resolve(workspaceId, slug).area(), k -> new ArrayList<>())
          .add(slug);
    }
    List<Scorecard.Gap> gaps = new ArrayList<>();
    interview.role().areaWeights().entrySet().stream()
        .filter(e -> e.getValue() > 0 && !result.areas().containsKey(e.getKey()))
        .sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
        .forEach(
            e ->
                gaps.add(
                    new Scorecard.Gap(
                        e.getKey(),
                        titles.getOrDefault(e.getKey(), e.getKey()),
                        e.getValue(),
                        plannedByArea.getOrDefault(e.getKey(), List.of()))));
    return gaps;
  }

  private static Scorecard.Overall overall(ScorecardMath.Result result) {
    return new Scorecard.Overall(
        result.overall() == null ? null : percent(result.overall()),
        result.interval() == null ? null : range(result.interval()),
        Metrics.round(result.coverage(), 3),
        new Scorecard.Range(
            percent(result.ifMissingScored(0)), percent(result.ifMissingScored(1))));
  }

  static Scorecard.Range range(ScorecardMath.Interval i) {
    return new Scorecard.Range(percent(i.low()), percent(i.high()));
  }

  static double percent(double share) {
    return Metrics.round(100 * share, 1);
  }
}
