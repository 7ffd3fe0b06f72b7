package dev.assay.grading;

import dev.assay.bank.CriterionSpec;
import dev.assay.bank.QuestionService.QuestionRef;
import dev.assay.bank.RubricSpec;
import dev.assay.embedding.Embedding;
import dev.assay.embedding.EmbeddingService;
import dev.assay.exemplar.ExemplarMatch;
import dev.assay.exemplar.ExemplarService;
import dev.assay.grading.manipulation.Inspection;
import dev.assay.grading.manipulation.ManipulationDetector;
import dev.assay.llm.Deadline;
import dev.assay.llm.LlmConfig;
import dev.assay.platform.Hashing;
import dev.assay.scoring.ScoringModels;
import dev.assay.text.AnswerText;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The grading pipeline for one answer: embed, retrieve, inspect, screen, find a reusable grade,
 * grade (LLM, or offline, or offline as a flagged fallback), apply the manipulation policy and the
 * content floor, and describe it all in the provenance. It writes nothing; {@link GradingService}
 * logs the live grade and {@link ShadowGrading} the shadow one.
 */
@ApplicationScoped
class GradingPipeline {
  private final ExemplarService exemplars;
  private final EmbeddingService embeddings;
  private final AnswerScreen screen;
  private final OffTopicGuard guard;
  private final LlmGrader llm;
  private final LlmConfig llmConfig;
  private final GradingConfig settings;
  private final GradeRepository grades;
  private final GradingMetrics metrics;
  private final ScoringModels scoring;
  private final ManipulationPolicy manipulation;

  GradingPipeline(
      ExemplarService exemplars,
      EmbeddingService embeddings,
      AnswerScreen screen,
      OffTopicGuard guard,
      LlmGrader llm,
      LlmConfig llmConfig,
      GradingConfig config,
      GradeRepository grades,
      GradingMetrics metrics,
      ScoringModels scoring,
      ManipulationPolicy manipulation) {
    this.exemplars = exemplars;
    this.embeddings = embeddings;
    this.screen = screen;
    this.guard = guard;
    this.llm = llm;
    this.llmConfig = llmConfig;
    this.settings = config;
    this.grades = grades;
    this.metrics = metrics;
    this.scoring = scoring;
    this.manipulation = manipulation;
  }

  /** Everything a grade is made of, before it is logged anywhere. */
  record Computed(
      GradingInput input,
      Graded graded,
      List<String> flags,
      double confidence,
      double overall,
      String answerKey,
      String dedupKey,
      Provenance provenance) {}

  Computed compute(
      long workspaceId,
      GradeRequest request,
      QuestionRef question,
      GraderConfig config,
      ScoringModels.Resolved model,
      Stages stages,
      boolean mayReuse) {
    GraderSpec spec = config.spec();
    OfflineGrader.Setup offline = offlineSetup(workspaceId, spec, model);
    // Graders read what a person sees; the detector reads the answer as sent (hidden text
    // included).
    String sent = request.answer();
    GradingInput input = retrieve(question, ManipulationDetector.visible(sent), spec, stages);
    boolean blank = input.answer().isBlank();
    Inspection inspection = stages.time("inspect", () -> manipulation.inspect(question, sent));
    Screening.Result screening =
        stages.time(
            "screen", () -> screen.screen(workspaceId, request, question, input, inspection));

    String answerKey = Hashing.sha256(AnswerText.dedupKey(input.answer()));
    String dedupKey =
        Hashing.sha256(
            answerKey + "|" + question.rubricVersionId() + "|" + signature(spec, offline));
    Optional<GradeView> reusable =
        mayReuse && settings.dedup() && !blank
            ? grades.findReusable(workspaceId, dedupKey)
            : Optional.empty();
    GradingInput shown =
        input.showing(ExemplarAblation.apply(spec.exemplars(), input.exemplars(), answerKey));
    // One budget for all of this grade's LLM work, the manipulation policy's second call included.
    Deadline deadline = Deadline.after(llmConfig.deadline());
    Graded raw =
        reusable
            .map(Graded::reusing)
            .orElseGet(() -> gradeFresh(shown, blank, stages, spec, offline, deadline));
    ManipulationPolicy.Decision decision =
        stages.time(
            "policy",
            () ->
                manipulation.apply(subject(sent, shown, raw, spec, offline, deadline), inspection));
    Graded graded =
        raw.after(decision)
            .cappedIf(
                screening.flags().contains(Screening.NO_SUBSTANTIVE_CONTENT), ContentFloor.CAP);
    List<String> flags = new ArrayList<>(screening.flags());
    flags.addAll(graded.flags());
    double confidence =
        graded.confidence()
            * Math.pow(settings.flaggedConfidenceFactor(), screening.flags().size());
    Provenance provenance =
        GradeProvenance.of(
            question,
            input,
            screening,
            graded,
            stages,
            config,
            offline,
            decision.evidence(),
            embeddings.modelId());
    double overall = overall(question.rubric(), graded.criteria());
    return new Computed(input, graded, flags, confidence, overall, answerKey, dedupKey, provenance);
  }

  private static ManipulationPolicy.Subject subject(
      String sent,
      GradingInput shown,
      Graded raw,
      GraderSpec spec,
      OfflineGrader.Setup offline,
      Deadline deadline) {
    return new ManipulationPolicy.Subject(
        sent,
        shown,
        raw.mode(),
        raw.verdict(),
        raw.reported(),
        spec,
        offline,
        raw.reusedFrom() != null,
        deadline);
  }

  /**
   * The LLM's fallback grades with the workspace's own model, as an offline configuration would.
   */
  private OfflineGrader.Setup offlineSetup(
      long workspaceId, GraderSpec spec, ScoringModels.Resolved model) {
    return OfflineGrader.Setup.of(
        spec,
        model != null
            ? Optional.of(model)
            : scoring.resolve(workspaceId, spec.llm() ? null : spec.scorerModel()));
  }

  /** The answer with its vector and nearest exemplars (none for a blank answer). */
  private GradingInput retrieve(
      QuestionRef question, String answer, GraderSpec spec, Stages stages) {
    if (answer.isBlank()) {
      return new GradingInput(question, answer, null, List.of());
    }
    Embedding vector = stages.time("embed", () -> embeddings.embed(answer));
    List<ExemplarMatch> matches =
        stages.time("retrieve", () -> exemplars.nearest(question.id(), vector, spec.k()));
    return new GradingInput(question, answer, vector, matches);
  }

  /** What makes two grades of the same answer interchangeable: the grader and its settings. */
  private String signature(GraderSpec spec, OfflineGrader.Setup offline) {
    String shown = spec.exemplars().equals("retrieved") ? "" : ":exemplars-" + spec.exemplars();
    return (spec.llm()
            ? llm.signature(spec)
            : "offline:"
                + OfflineGrader.version(offline)
                + ":"
                + embeddings.modelId()
                + ":k"
                + spec.k())
        + shown;
  }

  private Graded gradeFresh(
      GradingInput input,
      boolean blank,
      Stages stages,
      GraderSpec spec,
      OfflineGrader.Setup offline,
      Deadline deadline) {
    if (blank) {
      return Graded.of(GradingMode.OFFLINE, empty(input.question().rubric()), List.of());
    }
    if (!spec.llm()) {
      return Graded.of(
          GradingMode.OFFLINE, stages.time("grade", () -> guard.grade(input, offline)), List.of());
    }
    if (!llmConfig.enabled()) {
      // An llm configuration outlived the endpoint it was created for: say so, grade offline.
      metrics.fallback("llm-not-configured");
      return Graded.of(
          GradingMode.FALLBACK,
          stages.time("grade", () -> guard.grade(input, offline)),
          List.of("llm-not-configured"));
    }
    // Waiting for the LLM holds no lane of the CPU stage: other grades read and embed meanwhile.
    LlmGrader.Outcome outcome = stages.outside(() -> llm.grade(input, spec, deadline));
    stages.record("llm", outcome.trace().llmMs());
    stages.record("verify", outcome.trace().verifyMs());
    if (outcome.verdict() != null) {
      return new Graded(
          GradingMode.LLM,
          outcome.verdict(),
          outcome.flags(),
          outcome.trace(),
          outcome.rawOutputs(),
          null,
          outcome.reported());
    }
    outcome.flags().forEach(metrics::fallback);
    Verdict fallback = stages.time("grade", () -> guard.grade(input, offline));
    return new Graded(
        GradingMode.FALLBACK,
        fallback,
        outcome.flags(),
        outcome.trace(),
        outcome.rawOutputs(),
        null,
        List.of());
  }

  /** An empty answer scores zero on every criterion; there is nothing to cite. */
  static Verdict empty(RubricSpec rubric) {
    List<Verdict.CriterionGrade> zero =
        rubric.criteria().stream()
            .map(
                c ->
                    new Verdict.CriterionGrade(
                        c.key(), 0, rubric.scale(), "The answer is empty.", List.of()))
            .toList();
    return new Verdict(zero, "The answer is empty, so every criterion scores 0.", 1.0);
  }

  /** The rubric's weighted combination of the criterion scores, on the rubric's scale. */
  static double overall(RubricSpec rubric, List<Verdict.CriterionGrade> criteria) {
    Map<String, Double> scores = new LinkedHashMap<>();
    criteria.forEach(g -> scores.put(g.criterion(), g.score()));
    return CriterionSpec.weightedMean(rubric.criteria(), scores);
  }
}
