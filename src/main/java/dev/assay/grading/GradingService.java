package dev.assay.grading;

import dev.assay.bank.QuestionService;
import dev.assay.bank.QuestionService.QuestionRef;
import dev.assay.bank.Rubrics;
import dev.assay.embedding.EmbeddingService;
import dev.assay.metrics.Metrics;
import dev.assay.platform.ApiException;
import dev.assay.platform.CanonicalJson;
import dev.assay.scoring.ScoringModels;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Grades and logs answers: runs the {@link GradingPipeline} with the workspace's active
 * configuration, writes the one log row (no database connection is held while the LLM works, and
 * every accepted grade is logged exactly once), runs requests with one Idempotency-Key once ({@link
 * SingleFlight}) and replays the rest, and offers the answer to the shadow configuration. Also the
 * read side of the grade log.
 */
@ApplicationScoped
public class GradingService {
  private static final Logger LOG = Logger.getLogger(GradingService.class);

  private final QuestionService questions;
  private final GradingPipeline pipeline;
  private final EmbeddingService embeddings;
  private final GradeRepository grades;
  private final GradeList list;
  private final GradingMetrics metrics;
  private final GraderConfigs configs;
  private final ShadowGrading shadow;
  private final SingleFlight flights;
  private final CanonicalJson canonical;
  private final CpuStage cpu;

  GradingService(
      QuestionService questions,
      GradingPipeline pipeline,
      EmbeddingService embeddings,
      GradeRepository grades,
      GradeList list,
      GradingMetrics metrics,
      GraderConfigs configs,
      ShadowGrading shadow,
      SingleFlight flights,
      CanonicalJson canonical,
      CpuStage cpu) {
    this.questions = questions;
    this.pipeline = pipeline;
    this.embeddings = embeddings;
    this.grades = grades;
    this.list = list;
    this.metrics = metrics;
    this.configs = configs;
    this.shadow = shadow;
    this.flights = flights;
    this.canonical = canonical;
    this.cpu = cpu;
  }

  /**
   * The logged grade, and whether this request created it. A replay of an idempotent request
   * carries the status and body first sent ({@code body} is null for keys recorded before bodies
   * were kept: the grade is then sent as read now).
   */
  public record Accepted(GradeView grade, boolean created, int status, String body) {
    static Accepted created(GradeView grade) {
      return new Accepted(grade, true, 201, null);
    }

    static Accepted replayed(GradeView grade, int status, String body) {
      return new Accepted(grade, false, status, body);
    }
  }

  /**
   * Grades and logs one answer with the workspace's active configuration, and hands it to the
   * shadow configuration if one is set. {@code createdBy} is the API key of the caller; an
   * idempotency key replays only that caller's own grade.
   */
  public Accepted grade(
      long workspaceId, GradeRequest request, String idempotencyKey, UUID createdBy) {
    Accepted accepted;
    GraderConfigs.Assignment assigned;
    try (CpuStage.Lane lane = cpu.lane()) {
      assigned = configs.assignment(workspaceId);
      accepted =
          grade(
              new Attempt(workspaceId, request, null, idempotencyKey, createdBy, assigned.active()),
              null,
              lane);
    }
    if (accepted.created()) {
      assigned
          .shadow()
          .ifPresent(s -> shadow.offer(workspaceId, accepted.grade().id(), request, s));
    }
    return accepted;
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
    try (CpuStage.Lane lane = cpu.lane()) {
      return grade(
          new Attempt(workspaceId, request, null, idempotencyKey, createdBy, config), model, lane);
    }
  }

  /**
   * Grades {@code asked} (its question not yet resolved) in {@code lane}, which the pipeline gives
   * back while it waits for the LLM.
   */
  private Accepted grade(Attempt asked, ScoringModels.Resolved model, CpuStage.Lane lane) {
    Attempt attempt =
        asked.resolved(questions.resolve(asked.workspaceId(), asked.request().questionId()));
    if (attempt.idempotencyKey() == null) {
      return gradeAndLog(attempt, model, UUID.randomUUID(), grades::insert, lane);
    }
    IdempotencyKeys.Claim claim =
        new IdempotencyKeys.Claim(
            attempt.workspaceId(),
            attempt.idempotencyKey(),
            canonical.hash(attempt.request()),
            attempt.createdBy());
    return flights.once(claim, (id, persist) -> gradeAndLog(attempt, model, id, persist, lane));
  }

  /** What one grading request asks for. */
  private record Attempt(
      long workspaceId,
      GradeRequest request,
      QuestionRef question,
      String idempotencyKey,
      UUID createdBy,
      GraderConfig config) {
    Attempt resolved(QuestionRef q) {
      return new Attempt(workspaceId, request, q, idempotencyKey, createdBy, config);
    }
  }

  /** Runs the pipeline and logs its grade as {@code id} through {@code persist}. */
  private Accepted gradeAndLog(
      Attempt a,
      ScoringModels.Resolved model,
      UUID id,
      SingleFlight.Persist persist,
      CpuStage.Lane lane) {
    Stages stages = new Stages(metrics, cpu, lane);
    metrics.pipelineRun();
    GradingPipeline.Computed c =
        pipeline.compute(
            a.workspaceId(), a.request(), a.question(), a.config(), model, stages, true);
    GradeRepository.NewGrade row = row(a, id, c);
    stages.time(
        "persist",
        () -> {
          persist.log(row);
          return null;
        });
    metrics.graded(c.graded().mode(), c.flags());
    LOG.infof(
        "graded id=%s question=%s config=%s mode=%s overall=%.2f confidence=%.2f flags=%s"
            + " totalMs=%d",
        row.id(),
        a.question().slug(),
        a.config().ref(),
        c.graded().mode().wire(),
        c.overall(),
        c.confidence(),
        c.flags(),
        stages.totalMs());
    // The log row cannot hold the time it took to write itself: the response adds it.
    // Made under the question's active rubric version, so it is not stale.
    QuestionRef q = a.question();
    Rubrics.Ref rubric =
        new Rubrics.Ref(
            q.rubricVersionId(),
            q.id(),
            q.slug(),
            q.title(),
            q.prompt(),
            q.rubricVersion(),
            false,
            q.rubric());
    return Accepted.created(grades.logged(a.workspaceId(), row.id(), stages.snapshot(), rubric));
  }

  private GradeRepository.NewGrade row(Attempt a, UUID id, GradingPipeline.Computed c) {
    QuestionRef question = a.question();
    return new GradeRepository.NewGrade(
        id,
        a.workspaceId(),
        question.id(),
        question.rubricVersionId(),
        a.request().candidateRef(),
        a.request().tags(),
        a.idempotencyKey(),
        a.request().answer(),
        c.answerKey(),
        c.input().answerVector() == null ? null : c.input().answerVector().vector(),
        c.graded().mode(),
        Metrics.round(c.overall(), 3),
        question.rubric().scale(),
        Metrics.round(100 * c.overall() / question.rubric().scale(), 2),
        Metrics.round(c.confidence(), 3),
        c.flags(),
        c.graded().criteria(),
        c.graded().rationale(),
        c.provenance(),
        c.dedupKey(),
        c.graded().reusedFrom(),
        c.graded().rawOutputs(),
        a.createdBy(),
        a.config().id(),
        embeddings.modelId());
  }

  /**
   * A grade of the workspace; {@code owner} limits it to grades that key logged (404 otherwise).
   */
  public GradeView get(long workspaceId, UUID id, UUID owner) {
    return grades
        .find(workspaceId, id, owner)
        .orElseThrow(() -> ApiException.notFound("grade", id.toString()));
  }

  /** One page of the log, newest first. */
  public record Page(List<GradeView> items, int page, int size, long total) {}

  public Page list(long workspaceId, GradeQuery query, UUID owner, int page, int size) {
    Long questionId =
        query.questionId() == null ? null : questions.resolve(workspaceId, query.questionId()).id();
    GradeList.Filter filter =
        new GradeList.Filter(
            questionId,
            query.candidateRef(),
            query.mode(),
            query.flag(),
            query.from(),
            query.to(),
            owner,
            query.stale());
    return new Page(
        list.page(workspaceId, filter, page, size), page, size, list.count(workspaceId, filter));
  }
}
