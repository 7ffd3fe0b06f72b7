package dev.assay.grading;

import dev.assay.bank.CriterionSpec;
import dev.assay.bank.QuestionService;
import dev.assay.bank.QuestionService.QuestionRef;
import dev.assay.bank.RubricSpec;
import dev.assay.embedding.Embedding;
import dev.assay.embedding.EmbeddingService;
import dev.assay.exemplar.ExemplarMatch;
import dev.assay.exemplar.ExemplarService;
import dev.assay.grading.manipulation.Inspection;
import dev.assay.grading.manipulation.ManipulationDetector;
import dev.assay.llm.LlmConfig;
import dev.assay.platform.ApiException;
import dev.assay.platform.Hashing;
import dev.assay.scoring.ScoringModels;
import dev.assay.text.AnswerText;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The grading pipeline: screen, embed, retrieve, grade (LLM, or offline, or offline as a flagged
 * fallback), verify, log. No database connection is held while the LLM works, and every accepted
 * grade is logged exactly once.
 */
@ApplicationScoped
public class GradingService {
  private static final Logger LOG = Logger.getLogger(GradingService.class);

  private final QuestionService questions;
  private final ExemplarService exemplars;
  private final EmbeddingService embeddings;
  private final TextVectors vectors;
  private final OfflineGrader offline;
  private final LlmGrader llm;
  private final LlmConfig llmConfig;
  private final GradingConfig settings;
  private final GradeRepository grades;
  private final GradingMetrics metrics;
  private final GraderConfigs configs;
  private final ShadowGrading shadow;
  private final ScoringModels scoring;
  private final ManipulationPolicy manipulation;

  GradingService(
      QuestionService questions,
      ExemplarService exemplars,
      EmbeddingService embeddings,
      TextVectors vectors,
      OfflineGrader offline,
      LlmGrader llm,
      LlmConfig llmConfig,
      GradingConfig config,
      GradeRepository grades,
      GradingMetrics metrics,
      GraderConfigs configs,
      ShadowGrading shadow,
      ScoringModels scoring,
      ManipulationPolicy manipulation) {
    this.questions = questions;
    this.exemplars = exemplars;
    this.embeddings = embeddings;
    this.vectors = vectors;
    this.offline = offline;
    this.llm = llm;
    this.llmConfig = llmConfig;
    this.settings = config;
    this.grades = grades;
    this.metrics = metrics;
    this.configs = configs;
    this.shadow = shadow;
    this.scoring = scoring;
    this.manipulation = manipulation;
  }

  /** The logged grade, and whether this request created it (false: an idempotent replay). */
  public record Accepted(GradeView grade, boolean created) {}

  /**
   * Grades and logs one answer with the workspace's active configuration, and hands it to the
   * shadow configuration if one is set. {@code createdBy} is the API key of the caller; an
   * idempotency key replays only that caller's own grade.
   */
  public Accepted grade(
      long workspaceId, GradeRequest request, String idempotencyKey, UUID createdBy) {
    GraderConfigs.Assignment assigned = configs.assignment(workspaceId);
    Accepted accepted = grade(workspaceId, request, idempotencyKey, createdBy, assigned.active());
    if (accepted.created() && inShadowSample(accepted.grade().id())) {
      assigned
          .shadow()
          .ifPresent(s -> shadow.submit(workspaceId, accepted.grade().id(), request, s));
    }
    return accepted;
  }

  private boolean inShadowSample(UUID gradeId) {
    double rate = settings.shadowRate();
    return rate >= 1 || Math.floorMod(gradeId.hashCode(), 10_000) < rate * 10_000;
  }

  /**
   * Grades and logs one answer with {@code config}; internal runs such as evaluations pass a null
   * {@code createdBy}.
   */
  public Accepted grade(
      long workspaceId,
      GradeRequest request,
      String idempotencyKey,
      UUID createdBy,
      GraderConfig config) {
    return grade(workspaceId, request, idempotencyKey, createdBy, config, null);
  }

  /**
   * As above, with the learned scorer's model given rather than resolved in this workspace: an
   * evaluation of another workspace's configuration grades with that workspace's model.
   */
  public Accepted grade(
      long workspaceId,
      GradeRequest request,
      String idempotencyKey,
      UUID createdBy,
      GraderConfig config,
      ScoringModels.Resolved model) {
    if (idempotencyKey != null) {
      Optional<GradeRepository.Keyed> replay =
          grades.findByIdempotencyKey(workspaceId, idempotencyKey);
      if (replay.isPresent()) {
        return replayed(replay.get(), createdBy);
      }
    }
    Stages stages = new Stages(metrics);
    QuestionRef question = questions.resolve(workspaceId, request.questionId());
    Computed c = compute(workspaceId, request, question, config, model, stages, true);
    GradeRepository.NewGrade row =
        new GradeRepository.NewGrade(
            UUID.randomUUID(),
            workspaceId,
            question.id(),
            question.rubricVersionId(),
            request.candidateRef(),
            request.tags(),
            idempotencyKey,
            request.answer(),
            c.answerKey(),
            c.input().answerVector() == null ? null : c.input().answerVector().vector(),
            c.graded().mode(),
            round(c.overall(), 3),
            question.rubric().scale(),
            round(100 * c.overall() / question.rubric().scale(), 2),
            round(c.confidence(), 3),
            c.flags(),
            c.graded().criteria(),
            c.graded().rationale(),
            c.provenance(),
            c.dedupKey(),
            c.graded().reusedFrom(),
            c.graded().rawOutputs(),
            createdBy,
            config.id(),
            embeddings.modelId());
    boolean inserted = stages.time("persist", () -> grades.insert(row));
    if (!inserted) {
      // A concurrent request with the same idempotency key was logged first: answer with that one.
      return replayed(
          grades.findByIdempotencyKey(workspaceId, idempotencyKey).orElseThrow(), createdBy);
    }
    metrics.graded(c.graded().mode(), c.flags());
    LOG.infof(
        "graded id=%s question=%s config=%s mode=%s overall=%.2f confidence=%.2f flags=%s"
            + " totalMs=%d",
        row.id(),
        question.slug(),
        config.ref(),
        c.graded().mode().wire(),
        c.overall(),
        c.confidence(),
        c.flags(),
        stages.totalMs());
    // The log row cannot hold the time it took to write itself: the response adds it.
    GradeView view = withLatencies(grades.find(workspaceId, row.id(), null).orElseThrow(), stages);
    return new Accepted(view, true);
  }

  /**
   * Grades an answer already logged as {@code gradeId} again with a shadow configuration and keeps
   * the result apart from the grade log, where no grade endpoint reads.
   */
  void gradeInShadow(long workspaceId, UUID gradeId, GradeRequest request, GraderConfig config) {
    Stages stages = new Stages(null);
    QuestionRef question = questions.resolve(workspaceId, request.questionId());
    Computed c = compute(workspaceId, request, question, config, null, stages, false);
    grades.insertShadow(
        new GradeRepository.ShadowGrade(
            gradeId,
            workspaceId,
            config.id(),
            c.graded().mode(),
            round(c.overall(), 3),
            question.rubric().scale(),
            round(c.confidence(), 3),
            c.flags(),
            c.graded().criteria(),
            c.provenance()));
  }

  /** Everything a grade is made of, before it is logged anywhere. */
  private record Computed(
      GradingInput input,
      Graded graded,
      List<String> flags,
      double confidence,
      double overall,
      String answerKey,
      String dedupKey,
      Map<String, Object> provenance) {}

  private Computed compute(
      long workspaceId,
      GradeRequest request,
      QuestionRef question,
      GraderConfig config,
      ScoringModels.Resolved model,
      Stages stages,
      boolean mayReuse) {
    GraderSpec spec = config.spec();
    // The LLM's fallback grades with the workspace's own model, as an offline configuration would.
    OfflineGrader.Setup offline =
        OfflineGrader.Setup.of(
            spec,
            model != null
                ? Optional.of(model)
                : scoring.resolve(workspaceId, spec.llm() ? null : spec.scorerModel()));
    // Graders read what a person sees; the detector reads the answer as sent (hidden text
    // included).
    String sent = request.answer();
    String answer = ManipulationDetector.visible(sent);
    boolean blank = answer.isBlank();
    Embedding vector = blank ? null : stages.time("embed", () -> embeddings.embed(answer));
    List<ExemplarMatch> matches =
        blank
            ? List.of()
            : stages.time("retrieve", () -> exemplars.nearest(question.id(), vector, spec.k()));
    GradingInput input = new GradingInput(question, answer, vector, matches);
    Inspection inspection = stages.time("inspect", () -> manipulation.inspect(question, sent));
    Screening.Result screening =
        stages.time("screen", () -> screen(workspaceId, request, question, input, inspection));

    String answerKey = Hashing.sha256(AnswerText.dedupKey(answer));
    String dedupKey =
        Hashing.sha256(
            answerKey + "|" + question.rubricVersionId() + "|" + signature(spec, offline));
    Optional<GradeView> reusable =
        mayReuse && settings.dedup() && !blank
            ? grades.findReusable(workspaceId, dedupKey)
            : Optional.empty();
    GradingInput shown =
        input.showing(ExemplarAblation.apply(spec.exemplars(), matches, answerKey));
    Graded raw =
        reusable
            .map(Graded::reusing)
            .orElseGet(() -> gradeFresh(shown, blank, stages, spec, offline));
    ManipulationPolicy.Decision decision =
        stages.time(
            "policy",
            () ->
                manipulation.apply(
                    new ManipulationPolicy.Subject(
                        sent,
                        shown,
                        raw.mode(),
                        raw.verdict(),
                        raw.reported(),
                        spec,
                        offline,
                        raw.reusedFrom() != null),
                    inspection));
    Graded graded =
        raw.after(decision)
            .cappedIf(
                screening.flags().contains(Screening.NO_SUBSTANTIVE_CONTENT), ContentFloor.CAP);
    List<String> flags = new ArrayList<>(screening.flags());
    flags.addAll(graded.flags());
    double confidence =
        graded.confidence()
            * Math.pow(settings.flaggedConfidenceFactor(), screening.flags().size());
    double overall = overall(question.rubric(), graded.criteria());
    Map<String, Object> provenance =
        provenance(question, input, screening, graded, stages, config, offline);
    if (!decision.evidence().isEmpty()) {
      provenance.put("manipulationPolicy", decision.evidence());
    }
    return new Computed(input, graded, flags, confidence, overall, answerKey, dedupKey, provenance);
  }

  /**
   * A grade of the workspace; {@code owner} limits it to grades that key logged (404 otherwise).
   */
  public GradeView get(long workspaceId, UUID id, UUID owner) {
    return grades
        .find(workspaceId, id, owner)
        .orElseThrow(() -> ApiException.notFound("grade", id.toString()));
  }

  private static Accepted replayed(GradeRepository.Keyed logged, UUID caller) {
    if (!java.util.Objects.equals(logged.createdByKey(), caller)) {
      throw ApiException.conflict(
          "idempotency-key-in-use", "this Idempotency-Key was used by another client");
    }
    return new Accepted(logged.grade(), false);
  }

  /** One page of the log, newest first. */
  public record Page(List<GradeView> items, int page, int size, long total) {}

  public Page list(long workspaceId, GradeQuery query, UUID owner, int page, int size) {
    Long questionId =
        query.questionId() == null ? null : questions.resolve(workspaceId, query.questionId()).id();
    GradeRepository.Filter filter =
        new GradeRepository.Filter(
            questionId,
            query.candidateRef(),
            query.mode(),
            query.flag(),
            query.from(),
            query.to(),
            owner,
            query.stale());
    return new Page(
        grades.list(workspaceId, filter, page, size),
        page,
        size,
        grades.count(workspaceId, filter));
  }

  private Screening.Result screen(
      long workspaceId,
      GradeRequest request,
      QuestionRef question,
      GradingInput input,
      Inspection inspection) {
    if (input.answerVector() == null) {
      return Screening.screen(
          settings,
          input.answer(),
          question.prompt(),
          0,
          0,
          null,
          null,
          inspection,
          Optional.empty());
    }
    double questionSimilarity = input.answerVector().cosine(vectors.of(question.prompt()));
    ExemplarMatch nearest =
        input.exemplars().stream()
            .max(java.util.Comparator.comparingDouble(ExemplarMatch::similarity))
            .orElse(null);
    GradeRepository.Neighbour other =
        grades
            .nearestOtherCandidates(
                workspaceId,
                question.id(),
                request.candidateRef(),
                input.answerVector().vector(),
                embeddings.modelId(),
                1)
            .stream()
            .findFirst()
            .orElse(null);
    return Screening.screen(
        settings,
        input.answer(),
        question.prompt(),
        questionSimilarity,
        input.maxExemplarSimilarity(),
        nearest == null ? null : nearest.id(),
        other,
        inspection,
        ContentFloor.check(
            input.answer(),
            question.prompt(),
            input.exemplars(),
            ContentFloor.Closeness.of(input.maxExemplarSimilarity(), input.exemplars(), vectors)));
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
      OfflineGrader.Setup offline) {
    if (blank) {
      return Graded.of(GradingMode.OFFLINE, empty(input.question().rubric()), List.of());
    }
    if (!spec.llm()) {
      return Graded.of(
          GradingMode.OFFLINE,
          stages.time("grade", () -> this.offline.grade(input, offline)),
          List.of());
    }
    if (!llmConfig.enabled()) {
      // An llm configuration outlived the endpoint it was created for: say so, grade offline.
      metrics.fallback("llm-not-configured");
      return Graded.of(
          GradingMode.FALLBACK,
          stages.time("grade", () -> this.offline.grade(input, offline)),
          List.of("llm-not-configured"));
    }
    LlmGrader.Outcome outcome = llm.grade(input, spec);
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
    Verdict fallback = stages.time("grade", () -> this.offline.grade(input, offline));
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

  private Map<String, Object> provenance(
      QuestionRef question,
      GradingInput input,
      Screening.Result screening,
      Graded graded,
      Stages stages,
      GraderConfig config,
      OfflineGrader.Setup offline) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("rubricVersion", question.rubricVersion());
    p.put(
        "graderConfig",
        Map.of(
            "name", config.name(),
            "version", config.version(),
            "specHash", config.specHash(),
            "spec", config.spec()));
    p.put("grader", graded.mode() == GradingMode.LLM ? "llm" : OfflineGrader.version(offline));
    if (graded.mode() != GradingMode.LLM && offline.model() != null) {
      p.put(
          "scoringModel",
          Map.of(
              "ref", offline.model().ref(),
              "hash", offline.model().hash(),
              "kind", offline.model().model().kind()));
    }
    p.put("embeddingModel", embeddings.modelId());
    p.put(
        "exemplars",
        input.exemplars().stream()
            .map(
                e ->
                    Map.of(
                        "id",
                        e.id(),
                        "label",
                        e.label().wire(),
                        "score",
                        e.score(),
                        "similarity",
                        round(e.similarity(), 4)))
            .toList());
    LlmTrace trace = graded.trace();
    if (trace != null) {
      p.put(
          "prompt",
          Map.of(
              "id",
              trace.promptId(),
              "version",
              trace.promptVersion(),
              "hash",
              trace.promptHash()));
      p.put("model", Map.of("name", trace.model(), "parameters", trace.parameters()));
      p.put("llmAttempts", trace.attempts());
    }
    p.put(
        "tokens",
        Map.of(
            "input",
            trace == null ? 0 : trace.inputTokens(),
            "output",
            trace == null ? 0 : trace.outputTokens()));
    p.put("screening", screening.evidence());
    p.put("graderConfidence", graded.confidence());
    if (graded.reusedFrom() != null) {
      p.put("reusedFrom", graded.reusedFrom().toString());
    }
    p.put("latencyMs", stages.snapshot());
    return p;
  }

  private static GradeView withLatencies(GradeView v, Stages stages) {
    Map<String, Object> provenance = new LinkedHashMap<>(v.provenance());
    provenance.put("latencyMs", stages.snapshot());
    return new GradeView(
        v.id(),
        v.questionId(),
        v.rubricVersion(),
        v.candidateRef(),
        v.tags(),
        v.mode(),
        v.overall(),
        v.confidence(),
        v.flags(),
        v.criteria(),
        v.rationale(),
        provenance,
        v.reusedFrom(),
        v.answer(),
        v.createdAt(),
        v.stale(),
        v.needsReview(),
        v.reviewReasons());
  }

  private static double round(double x, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(x * f) / f;
  }

  /** A grader's result in the shape the log needs. */
  private record Graded(
      GradingMode mode,
      Verdict verdict,
      List<String> flags,
      LlmTrace trace,
      List<String> rawOutputs,
      UUID reusedFrom,
      List<String> reported) {
    static Graded of(GradingMode mode, Verdict verdict, List<String> flags) {
      return new Graded(mode, verdict, flags, null, null, null, List.of());
    }

    /** The grade after the manipulation policy: its verdict, flags and any second LLM call. */
    Graded after(ManipulationPolicy.Decision decision) {
      List<String> allFlags = new ArrayList<>(flags);
      allFlags.addAll(decision.flags());
      LlmGrader.Outcome extra = decision.substanceCall();
      if (extra == null) {
        return new Graded(
            mode, decision.verdict(), allFlags, trace, rawOutputs, reusedFrom, reported);
      }
      List<String> raws = new ArrayList<>(rawOutputs == null ? List.of() : rawOutputs);
      raws.addAll(extra.rawOutputs());
      return new Graded(
          mode,
          decision.verdict(),
          allFlags,
          trace.with(extra.trace()),
          raws,
          reusedFrom,
          reported);
    }

    /**
     * With {@code cap} true, every criterion held to at most {@code share} of its scale (so the
     * overall is too), the rationale saying why.
     */
    Graded cappedIf(boolean cap, double share) {
      if (!cap) {
        return this;
      }
      List<Verdict.CriterionGrade> capped =
          verdict.criteria().stream()
              .map(
                  g ->
                      new Verdict.CriterionGrade(
                          g.criterion(),
                          Math.min(g.score(), Math.floor(share * g.maxScore() * 10) / 10),
                          g.maxScore(),
                          g.rationale(),
                          g.citations()))
              .toList();
      String why =
          "The answer has no substantive content for this question, so it scores at most "
              + Math.round(share * 100)
              + "% of the scale. "
              + verdict.rationale();
      return new Graded(
          mode,
          new Verdict(capped, why, verdict.confidence()),
          flags,
          trace,
          rawOutputs,
          reusedFrom,
          reported);
    }

    /** A stored grade for the same answer under the same rubric, prompt and model. */
    static Graded reusing(GradeView stored) {
      Object confidence = stored.provenance().get("graderConfidence");
      Verdict verdict =
          new Verdict(
              stored.criteria(),
              stored.rationale(),
              confidence instanceof Number n ? n.doubleValue() : stored.confidence());
      return new Graded(
          stored.mode(), verdict, List.of("reused-grade"), null, null, stored.id(), List.of());
    }

    List<Verdict.CriterionGrade> criteria() {
      return verdict.criteria();
    }

    String rationale() {
      return verdict.rationale();
    }

    double confidence() {
      return verdict.confidence();
    }
  }
}
