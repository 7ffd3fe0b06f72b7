package dev.assay.grading;

import dev.assay.bank.CriterionSpec;
import dev.assay.bank.QuestionService;
import dev.assay.bank.QuestionService.QuestionRef;
import dev.assay.bank.RubricSpec;
import dev.assay.embedding.Embedding;
import dev.assay.embedding.EmbeddingService;
import dev.assay.exemplar.ExemplarMatch;
import dev.assay.exemplar.ExemplarService;
import dev.assay.llm.LlmConfig;
import dev.assay.platform.ApiException;
import dev.assay.platform.Hashing;
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
  private final GradingConfig config;
  private final GradeRepository grades;
  private final GradingMetrics metrics;

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
      GradingMetrics metrics) {
    this.questions = questions;
    this.exemplars = exemplars;
    this.embeddings = embeddings;
    this.vectors = vectors;
    this.offline = offline;
    this.llm = llm;
    this.llmConfig = llmConfig;
    this.config = config;
    this.grades = grades;
    this.metrics = metrics;
  }

  /** The logged grade, and whether this request created it (false: an idempotent replay). */
  public record Accepted(GradeView grade, boolean created) {}

  /**
   * Grades and logs one answer. {@code createdBy} is the API key of the caller (null for internal
   * runs such as evaluations); an idempotency key replays only that caller's own grade.
   */
  public Accepted grade(
      long workspaceId, GradeRequest request, String idempotencyKey, UUID createdBy) {
    if (idempotencyKey != null) {
      Optional<GradeRepository.Keyed> replay =
          grades.findByIdempotencyKey(workspaceId, idempotencyKey);
      if (replay.isPresent()) {
        return replayed(replay.get(), createdBy);
      }
    }
    Stages stages = new Stages(metrics);
    QuestionRef question = questions.resolve(workspaceId, request.questionId());
    String answer = request.answer();
    boolean blank = answer.isBlank();

    Embedding vector = blank ? null : stages.time("embed", () -> embeddings.embed(answer));
    List<ExemplarMatch> matches =
        blank
            ? List.of()
            : stages.time(
                "retrieve",
                () -> exemplars.nearest(question.id(), vector, config.exemplarsPerLabel()));
    GradingInput input = new GradingInput(question, answer, vector, matches);
    Screening.Result screening =
        stages.time("screen", () -> screen(workspaceId, request, question, input));

    String answerKey = Hashing.sha256(AnswerText.dedupKey(answer));
    String dedupKey =
        Hashing.sha256(answerKey + "|" + question.rubricVersionId() + "|" + signature());
    Optional<GradeView> reusable =
        config.dedup() && !blank ? grades.findReusable(workspaceId, dedupKey) : Optional.empty();

    Graded graded = reusable.map(Graded::reusing).orElseGet(() -> gradeFresh(input, blank, stages));
    List<String> flags = new ArrayList<>(screening.flags());
    flags.addAll(graded.flags());
    double confidence =
        graded.confidence() * Math.pow(config.flaggedConfidenceFactor(), screening.flags().size());

    RubricSpec rubric = question.rubric();
    double overall = overall(rubric, graded.criteria());
    Map<String, Object> provenance = provenance(question, input, screening, graded, stages);
    GradeRepository.NewGrade row =
        new GradeRepository.NewGrade(
            UUID.randomUUID(),
            workspaceId,
            question.id(),
            question.rubricVersionId(),
            request.candidateRef(),
            request.tags(),
            idempotencyKey,
            answer,
            answerKey,
            vector == null ? null : vector.vector(),
            graded.mode(),
            round(overall, 3),
            rubric.scale(),
            round(100 * overall / rubric.scale(), 2),
            round(confidence, 3),
            flags,
            graded.criteria(),
            graded.rationale(),
            provenance,
            dedupKey,
            graded.reusedFrom(),
            graded.rawOutputs(),
            createdBy);
    boolean inserted = stages.time("persist", () -> grades.insert(row));
    if (!inserted) {
      // A concurrent request with the same idempotency key was logged first: answer with that one.
      return replayed(
          grades.findByIdempotencyKey(workspaceId, idempotencyKey).orElseThrow(), createdBy);
    }
    metrics.graded(graded.mode(), flags);
    LOG.infof(
        "graded id=%s question=%s mode=%s overall=%.2f confidence=%.2f flags=%s totalMs=%d",
        row.id(), question.slug(), graded.mode(), overall, confidence, flags, stages.totalMs());
    // The log row cannot hold the time it took to write itself: the response adds it.
    GradeView view = withLatencies(grades.find(workspaceId, row.id(), null).orElseThrow(), stages);
    return new Accepted(view, true);
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
      long workspaceId, GradeRequest request, QuestionRef question, GradingInput input) {
    if (input.answerVector() == null) {
      return Screening.screen(config, input.answer(), question.prompt(), 0, 0, null, null);
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
                1)
            .stream()
            .findFirst()
            .orElse(null);
    return Screening.screen(
        config,
        input.answer(),
        question.prompt(),
        questionSimilarity,
        input.maxExemplarSimilarity(),
        nearest == null ? null : nearest.id(),
        other);
  }

  private String signature() {
    return llmConfig.enabled()
        ? llm.signature()
        : "offline:"
            + OfflineGrader.VERSION
            + ":"
            + embeddings.modelId()
            + ":k"
            + config.exemplarsPerLabel();
  }

  private Graded gradeFresh(GradingInput input, boolean blank, Stages stages) {
    if (blank) {
      return Graded.of("offline", empty(input.question().rubric()), List.of());
    }
    if (!llmConfig.enabled()) {
      return Graded.of("offline", stages.time("grade", () -> offline.grade(input)), List.of());
    }
    LlmGrader.Outcome outcome = llm.grade(input);
    stages.record("llm", outcome.trace().llmMs());
    stages.record("verify", outcome.trace().verifyMs());
    if (outcome.verdict() != null) {
      return new Graded(
          "llm", outcome.verdict(), outcome.flags(), outcome.trace(), outcome.rawOutputs(), null);
    }
    outcome.flags().forEach(metrics::fallback);
    Verdict fallback = stages.time("grade", () -> offline.grade(input));
    return new Graded(
        "fallback", fallback, outcome.flags(), outcome.trace(), outcome.rawOutputs(), null);
  }

  /** An empty answer scores zero on every criterion; there is nothing to cite. */
  private static Verdict empty(RubricSpec rubric) {
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
      Stages stages) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("rubricVersion", question.rubricVersion());
    p.put("grader", graded.mode().equals("llm") ? "llm" : OfflineGrader.VERSION);
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
        v.stale());
  }

  private static double round(double x, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(x * f) / f;
  }

  /** A grader's result in the shape the log needs. */
  private record Graded(
      String mode,
      Verdict verdict,
      List<String> flags,
      LlmTrace trace,
      List<String> rawOutputs,
      UUID reusedFrom) {
    static Graded of(String mode, Verdict verdict, List<String> flags) {
      return new Graded(mode, verdict, flags, null, null, null);
    }

    /** A stored grade for the same answer under the same rubric, prompt and model. */
    static Graded reusing(GradeView stored) {
      Object confidence = stored.provenance().get("graderConfidence");
      Verdict verdict =
          new Verdict(
              stored.criteria(),
              stored.rationale(),
              confidence instanceof Number n ? n.doubleValue() : stored.confidence());
      return new Graded(stored.mode(), verdict, List.of("reused-grade"), null, null, stored.id());
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
